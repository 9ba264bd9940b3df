// MIME encoding of the outbox's messages: small, dependency-free encoders
// (base64, quoted-printable, encoded words) and the one message layout arctl
// sends.
#include "mime.hpp"

#include <cstdio>
#include <ctime>

#include "arctl/error.hpp"

namespace arctl::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";

bool plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Length of the UTF-8 sequence that starts with `c` (1 for a stray byte).
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Line ends to CRLF, whatever they were.
std::string crlf_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n') {
      out += kCrlf;
      continue;
    }
    out += text[i];
  }
  return out;
}

// A filename safe inside a quoted parameter: no quotes, backslashes or controls.
std::string safe_filename(std::string_view name) {
  std::string out;
  for (unsigned char c : name)
    out += (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) ? '_' : static_cast<char>(c);
  return out.empty() ? "attachment" : out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool plausible_address(std::string_view a) {
  const auto at = a.find('@');
  return !a.empty() && at != std::string_view::npos && at > 0 && at + 1 < a.size() &&
         a.find('@', at + 1) == std::string_view::npos &&
         a.find_first_of(" \t<>\",;\r\n") == std::string_view::npos;
}

}  // namespace

Mailbox parse_mailbox(std::string_view text) {
  const auto open = text.rfind('<');
  Mailbox m;
  if (open != std::string_view::npos) {
    const auto close = text.find('>', open);
    if (close == std::string_view::npos)
      fail_conflict("no closing '>' in '" + std::string(text) + "'");
    m.email = trim(text.substr(open + 1, close - open - 1));
    m.name = trim(text.substr(0, open));
    if (m.name.size() >= 2 && m.name.front() == '"' && m.name.back() == '"')
      m.name = m.name.substr(1, m.name.size() - 2);
  } else {
    m.email = trim(text);
  }
  if (!plausible_address(m.email))
    fail_conflict("'" + std::string(text) + "' is not an e-mail address (name@domain)");
  return m;
}

std::vector<Mailbox> parse_mailbox_list(std::string_view text) {
  std::vector<Mailbox> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    const auto part = text.substr(pos, comma - pos);
    if (part.find_first_not_of(" \t") != std::string_view::npos) out.push_back(parse_mailbox(part));
    pos = comma + 1;
  }
  return out;
}

std::string base64(std::string_view bytes, bool wrap) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + bytes.size() / 38 + 4);
  std::size_t line = 0;
  auto put = [&](char c) {
    out += c;
    if (wrap && ++line == 76) {
      out += kCrlf;
      line = 0;
    }
  };
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                   static_cast<unsigned char>(bytes[i + 2]);
    put(kAlphabet[(n >> 18) & 63]);
    put(kAlphabet[(n >> 12) & 63]);
    put(kAlphabet[(n >> 6) & 63]);
    put(kAlphabet[n & 63]);
  }
  const auto rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    put(kAlphabet[(n >> 18) & 63]);
    put(kAlphabet[(n >> 12) & 63]);
    put(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
    put('=');
  }
  if (wrap && line > 0) out += kCrlf;
  return out;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto lines = crlf_lines(text);
  std::string out;
  std::size_t col = 0;
  auto emit = [&](std::string_view piece) {
    // A soft line break keeps every line within 76 characters, "=" included.
    if (col + piece.size() > 75) {
      out += "=";
      out += kCrlf;
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto c = static_cast<unsigned char>(lines[i]);
    if (c == '\r' && i + 1 < lines.size() && lines[i + 1] == '\n') {
      out += kCrlf;
      col = 0;
      ++i;
      continue;
    }
    const bool at_line_end = i + 1 == lines.size() ||
                             (lines[i + 1] == '\r' && i + 2 < lines.size() && lines[i + 2] == '\n');
    // Trailing white space is encoded (a transport may strip it), and so is a
    // leading dot or "From " that some transports would change.
    const bool plain =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    const bool risky_start =
        col == 0 && (c == '.' || (c == 'F' && lines.compare(i, 5, "From ") == 0));
    if (plain && !risky_start) {
      const char s[1] = {static_cast<char>(c)};
      emit(std::string_view(s, 1));
    } else {
      const char s[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      emit(std::string_view(s, 3));
    }
  }
  return out;
}

std::string encode_words(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);
  // "=?utf-8?B?" + base64 + "?=" <= 75: at most 45 bytes of text per word.
  constexpr std::size_t kMaxBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 0;
    while (i + n < text.size()) {
      const auto len = sequence_length(static_cast<unsigned char>(text[i + n]));
      if (n + len > kMaxBytes) break;
      n += len;
    }
    if (n == 0) n = std::min(text.size() - i, kMaxBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?utf-8?B?" + base64(text.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string format_mailbox(const Mailbox& m) {
  if (m.name.empty()) return m.email;
  if (!plain_ascii(m.name)) return encode_words(m.name) + " <" + m.email + ">";
  std::string quoted = "\"";
  for (char c : m.name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + m.email + ">";
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string build_message(const MessageParts& m) {
  // The boundary cannot occur in the parts: "=_" is never produced by
  // base64, and quoted-printable writes every "=" as "=3D".
  const std::string boundary = "=_arctl_" + base64(m.message_id).substr(0, 24);
  std::string out;
  auto header = [&](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += kCrlf;
  };
  header("From", format_mailbox(m.from));
  header("To", format_mailbox(m.to));
  if (!m.reply_to.empty()) {
    std::string list;
    for (const auto& r : m.reply_to)
      list += (list.empty() ? "" : ", ") + format_mailbox(r);
    header("Reply-To", list);
  }
  header("Subject", encode_words(m.subject));
  header("Date", m.date);
  header("Message-ID", m.message_id);
  header("MIME-Version", "1.0");
  header("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
  out += kCrlf;
  out += "This is a MIME message.";
  out += kCrlf;
  out += kCrlf;
  out += "--" + boundary;
  out += kCrlf;
  header("Content-Type", "text/plain; charset=utf-8");
  header("Content-Transfer-Encoding", "quoted-printable");
  out += kCrlf;
  out += quoted_printable(m.body);
  out += kCrlf;
  for (const auto& a : m.attachments) {
    const auto name = safe_filename(a.filename);
    const auto param = plain_ascii(name) ? name : encode_words(name);
    out += "--" + boundary + std::string(kCrlf);
    header("Content-Type", a.content_type + "; name=\"" + param + "\"");
    header("Content-Transfer-Encoding", "base64");
    header("Content-Disposition", "attachment; filename=\"" + param + "\"");
    out += kCrlf;
    out += base64(a.bytes, true);
  }
  out += "--" + boundary + "--" + std::string(kCrlf);
  return out;
}

std::vector<std::pair<std::string, std::string>> header_fields(std::string_view message) {
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t pos = 0;
  while (pos < message.size()) {
    auto end = message.find('\n', pos);
    if (end == std::string_view::npos) end = message.size();
    auto line = message.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !fields.empty()) {
      fields.back().second += std::string(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.emplace_back(std::string(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return fields;
}

}  // namespace arctl::mail
