# gzip -9n IN > OUT: maximum compression, no file name or time stamp, so the
# same input always gives the same bytes.
#   cmake -DIN=... -DOUT=... -DGZIP=... -P gzip.cmake
execute_process(COMMAND ${GZIP} -9n -c ${IN} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "gzip ${IN} failed")
endif()
