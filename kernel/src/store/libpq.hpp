// libpq, bound at run time on the first PostgreSQL store: linked, it would
// load its twenty libraries (Kerberos, LDAP, two TLS stacks...) into every
// arctl process, LMDB ledgers and `arctl --version` included.
#pragma once

#include <libpq-fe.h>

namespace arctl::pg {

struct Libpq {
  decltype(&::PQconnectdb) PQconnectdb = nullptr;
  decltype(&::PQstatus) PQstatus = nullptr;
  decltype(&::PQerrorMessage) PQerrorMessage = nullptr;
  decltype(&::PQfinish) PQfinish = nullptr;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor = nullptr;
  decltype(&::PQsocket) PQsocket = nullptr;
  decltype(&::PQconsumeInput) PQconsumeInput = nullptr;
  decltype(&::PQprepare) PQprepare = nullptr;
  decltype(&::PQexecPrepared) PQexecPrepared = nullptr;
  decltype(&::PQexecParams) PQexecParams = nullptr;
  decltype(&::PQresultStatus) PQresultStatus = nullptr;
  decltype(&::PQresultErrorField) PQresultErrorField = nullptr;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage = nullptr;
  decltype(&::PQntuples) PQntuples = nullptr;
  decltype(&::PQgetvalue) PQgetvalue = nullptr;
  decltype(&::PQgetlength) PQgetlength = nullptr;
  decltype(&::PQclear) PQclear = nullptr;
  decltype(&::PQexec) PQexec = nullptr;
  decltype(&::PQputCopyData) PQputCopyData = nullptr;
  decltype(&::PQputCopyEnd) PQputCopyEnd = nullptr;
  decltype(&::PQgetResult) PQgetResult = nullptr;
  decltype(&::PQsendQueryParams) PQsendQueryParams = nullptr;
};

// Loads libpq once (never unloaded). Errors: kError naming the library and
// the package that provides it.
const Libpq& pq();

}  // namespace arctl::pg
