// How a stored message leaves the machine: the local sendmail program (the
// Unix convention git send-email, mutt and cron use) or an SMTP server
// through libcurl. Neither touches the ledger: the caller records the outcome.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace arctl::mail {

struct TransportConfig {
  std::string transport = "sendmail";  // mail.transport: sendmail, smtp://HOST[:PORT], smtps://...
  std::string sendmail_path = "/usr/sbin/sendmail";
  std::string starttls = "opportunistic";  // required, opportunistic, off
  std::string netrc_file;                  // "" = ~/.netrc
};

// Error(kConflict) unless `value` is a valid mail.transport: "sendmail" or
// an smtp:// or smtps:// URL with a host and no password.
void validate_transport(std::string_view value);
// Error(kConflict) unless required, opportunistic or off.
void validate_starttls(std::string_view value);

enum class Outcome {
  kAccepted,   // the server (or sendmail) took it
  kTemporary,  // not taken, try again later: connection refused, 4xx, sendmail exit 75
  kRefused,    // not taken and will not be: 5xx, any other sendmail exit
  kUnknown,    // the whole message went out but no answer came back: it may have arrived
};

struct TransmitResult {
  Outcome outcome = Outcome::kRefused;
  std::string reply;  // the server's last reply line, or what went wrong
};

// Sends `message` (CRLF line ends) from `sender` to `recipients`. Never
// throws for a delivery problem: the outcome says what happened.
TransmitResult transmit(const TransportConfig& config, const std::string& sender,
                        const std::vector<std::string>& recipients, const std::string& message);

}  // namespace arctl::mail
