#include "store/libpq.hpp"

#include <dlfcn.h>

#include <string>
#include <type_traits>

#include "arctl/error.hpp"

namespace arctl::pg {

const Libpq& pq() {
  static const Libpq api = [] {
    void* lib = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr)
      fail(ErrorKind::kError,
           std::string("a PostgreSQL store needs libpq (Debian package libpq5): ") + ::dlerror());
    Libpq a;
    const auto bind = [lib](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(lib, name));
      if (fn == nullptr) fail(ErrorKind::kError, std::string("libpq has no ") + name);
    };
    bind(a.PQconnectdb, "PQconnectdb");
    bind(a.PQstatus, "PQstatus");
    bind(a.PQerrorMessage, "PQerrorMessage");
    bind(a.PQfinish, "PQfinish");
    bind(a.PQsetNoticeProcessor, "PQsetNoticeProcessor");
    bind(a.PQsocket, "PQsocket");
    bind(a.PQconsumeInput, "PQconsumeInput");
    bind(a.PQprepare, "PQprepare");
    bind(a.PQexecPrepared, "PQexecPrepared");
    bind(a.PQexecParams, "PQexecParams");
    bind(a.PQresultStatus, "PQresultStatus");
    bind(a.PQresultErrorField, "PQresultErrorField");
    bind(a.PQresultErrorMessage, "PQresultErrorMessage");
    bind(a.PQntuples, "PQntuples");
    bind(a.PQgetvalue, "PQgetvalue");
    bind(a.PQgetlength, "PQgetlength");
    bind(a.PQclear, "PQclear");
    bind(a.PQexec, "PQexec");
    bind(a.PQputCopyData, "PQputCopyData");
    bind(a.PQputCopyEnd, "PQputCopyEnd");
    bind(a.PQgetResult, "PQgetResult");
    bind(a.PQsendQueryParams, "PQsendQueryParams");
    return a;
  }();
  return api;
}

}  // namespace arctl::pg
