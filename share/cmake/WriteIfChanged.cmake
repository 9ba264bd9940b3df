# arctl_write_if_changed(PATH CONTENT): writes CONTENT to PATH unless it
# already holds exactly that, so that a generated header keeps its time stamp
# and what includes it is not rebuilt for nothing. For scripts run with -P.
function(arctl_write_if_changed path content)
  set(old "")
  if(EXISTS "${path}")
    file(READ "${path}" old)
  endif()
  if(NOT old STREQUAL content)
    file(WRITE "${path}" "${content}")
  endif()
endfunction()
