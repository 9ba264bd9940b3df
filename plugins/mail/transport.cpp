// The two transports (see transport.hpp): sendmail through fork/exec with the
// message on its standard input, SMTP through libcurl with STARTTLS and
// credentials only from a netrc file or ARCTL_SMTP_PASSWORD.
#include "transport.hpp"

#include <curl/curl.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>

#include "arctl/error.hpp"

namespace arctl::mail {
namespace {

constexpr int kSendmailTemporary = 75;  // EX_TEMPFAIL (sysexits.h)
constexpr long kConnectTimeoutSeconds = 10;

struct UrlParts {
  std::string scheme, host, user;
  bool has_password = false;
};

// libcurl is bound at run time, on the first SMTP use: linked, it would load
// its dozens of libraries (TLS, HTTP/2, LDAP, SSH...) into every arctl
// process, read-only commands included, for a few milliseconds each time.
struct CurlApi {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
  decltype(&::curl_url) url = nullptr;
  decltype(&::curl_url_set) url_set = nullptr;
  decltype(&::curl_url_get) url_get = nullptr;
  decltype(&::curl_url_cleanup) url_cleanup = nullptr;
  decltype(&::curl_free) free = nullptr;
};

// Loads libcurl once (never unloaded). Errors: kError naming the library
// and the package that provides it.
const CurlApi& curl() {
  static const CurlApi api = [] {
    void* lib = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr)
      fail(ErrorKind::kError,
           std::string("SMTP needs libcurl (Debian package libcurl4): ") + ::dlerror());
    CurlApi a;
    const auto bind = [lib](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(lib, name));
      if (fn == nullptr) fail(ErrorKind::kError, std::string("libcurl has no ") + name);
    };
    bind(a.global_init, "curl_global_init");
    bind(a.easy_init, "curl_easy_init");
    bind(a.easy_setopt, "curl_easy_setopt");
    bind(a.easy_perform, "curl_easy_perform");
    bind(a.easy_getinfo, "curl_easy_getinfo");
    bind(a.easy_cleanup, "curl_easy_cleanup");
    bind(a.easy_strerror, "curl_easy_strerror");
    bind(a.slist_append, "curl_slist_append");
    bind(a.slist_free_all, "curl_slist_free_all");
    bind(a.url, "curl_url");
    bind(a.url_set, "curl_url_set");
    bind(a.url_get, "curl_url_get");
    bind(a.url_cleanup, "curl_url_cleanup");
    bind(a.free, "curl_free");
    return a;
  }();
  return api;
}

struct UrlDeleter {
  void operator()(CURLU* u) const { curl().url_cleanup(u); }
};

std::string url_part(CURLU* u, CURLUPart part) {
  char* text = nullptr;
  if (curl().url_get(u, part, &text, 0) != CURLUE_OK || !text) return {};
  std::string s = text;
  curl().free(text);
  return s;
}

UrlParts parse_url(std::string_view value) {
  std::unique_ptr<CURLU, UrlDeleter> u(curl().url());
  const std::string text(value);
  if (curl().url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
    fail_conflict("mail.transport '" + text +
                  "' is not a URL: sendmail, smtp://HOST[:PORT] or smtps://HOST[:PORT]");
  UrlParts p{url_part(u.get(), CURLUPART_SCHEME), url_part(u.get(), CURLUPART_HOST),
             url_part(u.get(), CURLUPART_USER), !url_part(u.get(), CURLUPART_PASSWORD).empty()};
  return p;
}

// sendmail wants local line ends; the stored message has CRLF.
std::string lf_lines(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (std::size_t i = 0; i < message.size(); ++i)
    if (!(message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n'))
      out += message[i];
  return out;
}

TransmitResult via_sendmail(const TransportConfig& config,
                            const std::vector<std::string>& recipients,
                            const std::string& message) {
  // -t takes the recipients from the headers; the others (mail.bcc) go in
  // a Bcc header, which sendmail reads and removes (arguments next to -t are
  // added by Postfix but dropped by Sendmail and Exim).
  std::vector<std::string> args{config.sendmail_path, "-t", "-oi"};
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return {Outcome::kTemporary,
            std::string("sendmail: cannot make a pipe: ") + std::strerror(errno)};
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return {Outcome::kTemporary, std::string("sendmail: cannot fork: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    dup2(fds[0], STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[0]);
  // A sendmail that exits early must not kill arctl with SIGPIPE.
  struct sigaction ignore {
  }, old{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  std::string bcc;
  for (std::size_t i = 1; i < recipients.size(); ++i)
    bcc += (bcc.empty() ? "Bcc: " : ", ") + recipients[i];
  const auto text = (bcc.empty() ? "" : bcc + "\n") + lf_lines(message);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = write(fds[1], text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  close(fds[1]);
  sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status))
    return {Outcome::kRefused, "sendmail: killed by signal " + std::to_string(WTERMSIG(status))};
  const int code = WEXITSTATUS(status);
  const auto reply = "sendmail: exit " + std::to_string(code);
  if (code == 0 && done == text.size()) return {Outcome::kAccepted, reply};
  if (code == kSendmailTemporary) return {Outcome::kTemporary, reply + " (temporary failure)"};
  if (code == 127) return {Outcome::kRefused, reply + " (cannot run " + config.sendmail_path + ")"};
  return {Outcome::kRefused, reply};
}

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
  std::vector<std::string> replies;  // the server's reply lines, in order
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  const auto n = std::min(size * count, u->data->size() - u->pos);
  std::memcpy(buffer, u->data->data() + u->pos, n);
  u->pos += n;
  return n;
}

int note_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  if (!line.empty()) static_cast<Upload*>(user)->replies.push_back(line);
  return 0;
}

bool connection_problem(CURLcode c) {
  switch (c) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

TransmitResult via_smtp(const TransportConfig& config, const std::string& sender,
                        const std::vector<std::string>& recipients, const std::string& message) {
  const CurlApi* loaded = nullptr;
  try {
    loaded = &curl();
  } catch (const Error& e) {
    return {Outcome::kTemporary, e.what()};  // stays queued until libcurl is installed
  }
  const auto& api = *loaded;
  static const bool initialised = api.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return {Outcome::kTemporary, "libcurl could not be initialised"};
  const auto url = parse_url(config.transport);
  if (url.has_password)
    return {Outcome::kRefused,
            "mail.transport has a password in it; use a netrc file or ARCTL_SMTP_PASSWORD"};
  // Declared before the handle: its cleanup may still call the debug
  // function (QUIT's reply) and reads nothing else.
  Upload upload{&message, 0, {}};
  curl_slist* rcpt = nullptr;
  for (const auto& r : recipients)
    rcpt = api.slist_append(rcpt, ("<" + r + ">").c_str());
  std::unique_ptr<curl_slist, decltype(CurlApi::slist_free_all)> rcpt_owner(rcpt,
                                                                            api.slist_free_all);
  std::unique_ptr<CURL, decltype(CurlApi::easy_cleanup)> session(api.easy_init(), api.easy_cleanup);
  if (!session) return {Outcome::kTemporary, "libcurl could not start a session"};
  CURL* c = session.get();
  api.easy_setopt(c, CURLOPT_URL, config.transport.c_str());
  const std::string from = "<" + sender + ">";
  api.easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  api.easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  api.easy_setopt(c, CURLOPT_UPLOAD, 1L);
  api.easy_setopt(c, CURLOPT_READFUNCTION, read_message);
  api.easy_setopt(c, CURLOPT_READDATA, &upload);
  api.easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  api.easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds the debug function the replies
  api.easy_setopt(c, CURLOPT_DEBUGFUNCTION, note_reply);
  api.easy_setopt(c, CURLOPT_DEBUGDATA, &upload);
  api.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  if (url.scheme == "smtp") {
    const long tls = config.starttls == "required" ? static_cast<long>(CURLUSESSL_ALL)
                     : config.starttls == "off"    ? static_cast<long>(CURLUSESSL_NONE)
                                                   : static_cast<long>(CURLUSESSL_TRY);
    api.easy_setopt(c, CURLOPT_USE_SSL, tls);
  }
  // Credentials never come from the ledger: a netrc file, or the password
  // in the environment for the user named in the URL.
  api.easy_setopt(c, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
  if (!config.netrc_file.empty()) api.easy_setopt(c, CURLOPT_NETRC_FILE, config.netrc_file.c_str());
  const char* password = std::getenv("ARCTL_SMTP_PASSWORD");
  if (password && *password && !url.user.empty()) {
    api.easy_setopt(c, CURLOPT_USERNAME, url.user.c_str());
    api.easy_setopt(c, CURLOPT_PASSWORD, password);
  }
  const CURLcode rc = api.easy_perform(c);
  long code = 0;
  api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  // The reply that decided: the last one with the final response code (a
  // refusal is followed by QUIT's "221 Bye"), else the last one.
  std::string reply = upload.replies.empty() ? "" : upload.replies.back();
  const auto code_text = std::to_string(code);
  for (auto it = upload.replies.rbegin(); code > 0 && it != upload.replies.rend(); ++it)
    if (it->rfind(code_text, 0) == 0) {
      reply = *it;
      break;
    }
  if (rc == CURLE_OK) return {Outcome::kAccepted, reply.empty() ? "250" : reply};
  const std::string what = api.easy_strerror(rc);
  if (reply.empty() || connection_problem(rc))
    reply = reply.empty() ? what : what + " after: " + reply;
  if (code >= 500 && code < 600) return {Outcome::kRefused, reply};
  if (code >= 400 && code < 500) return {Outcome::kTemporary, reply};
  // Everything went out and then the connection failed before the answer:
  // the server may have taken it, so it must not be sent again blindly.
  if (upload.pos == message.size() && message.size() > 0 &&
      (rc == CURLE_RECV_ERROR || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_GOT_NOTHING))
    return {Outcome::kUnknown, reply};
  if (connection_problem(rc)) return {Outcome::kTemporary, reply};
  return {Outcome::kRefused, reply};
}

}  // namespace

void validate_transport(std::string_view value) {
  if (value == "sendmail") return;
  const auto url = parse_url(value);
  if (url.scheme != "smtp" && url.scheme != "smtps")
    fail_conflict("mail.transport '" + std::string(value) +
                  "': give sendmail, smtp://HOST[:PORT] or smtps://HOST[:PORT]");
  if (url.host.empty()) fail_conflict("mail.transport '" + std::string(value) + "' names no host");
  if (url.has_password)
    fail_conflict(
        "mail.transport must not hold a password: put it in a netrc file (mail.netrc_file) or "
        "ARCTL_SMTP_PASSWORD");
}

void validate_starttls(std::string_view value) {
  if (value != "required" && value != "opportunistic" && value != "off")
    fail_conflict("mail.starttls '" + std::string(value) + "': required, opportunistic or off");
}

TransmitResult transmit(const TransportConfig& config, const std::string& sender,
                        const std::vector<std::string>& recipients, const std::string& message) {
  if (config.transport == "sendmail") return via_sendmail(config, recipients, message);
  try {
    return via_smtp(config, sender, recipients, message);
  } catch (const Error& e) {
    return {Outcome::kRefused, e.what()};
  }
}

}  // namespace arctl::mail
