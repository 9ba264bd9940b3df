// Unit tests of the MIME encoders and the message layout.
#include <doctest/doctest.h>

#include <chrono>

#include "arctl/error.hpp"
#include "mime.hpp"

using namespace arctl::mail;

namespace {

bool lines_end_in_crlf(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) return false;
  return true;
}

std::size_t longest_line(const std::string& s) {
  std::size_t longest = 0, start = 0;
  for (auto nl = s.find("\r\n"); nl != std::string::npos; nl = s.find("\r\n", start)) {
    longest = std::max(longest, nl - start);
    start = nl + 2;
  }
  return std::max(longest, s.size() - start);
}

}  // namespace

TEST_CASE("base64 encodes the RFC 4648 test vectors") {
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("wrapped base64 has lines of 76 characters ending in CRLF") {
  const std::string bytes(1000, '\xAB');
  const auto b = base64(bytes, true);
  CHECK(lines_end_in_crlf(b));
  CHECK(longest_line(b) == 76);
  CHECK(b.substr(b.size() - 2) == "\r\n");
}

TEST_CASE("an ASCII header value is left as it is") {
  CHECK(encode_words("Statement of account") == "Statement of account");
}

TEST_CASE("a non-ASCII header value becomes UTF-8 B encoded words of at most 75 characters") {
  CHECK(encode_words("Müller") == "=?utf-8?B?TcO8bGxlcg==?=");
  const std::string long_text = "Estado de cuenta de Compañía Española de Señalización y Logística";
  const auto w = encode_words(long_text);
  CHECK(w.find("\r\n ") != std::string::npos);
  std::size_t start = 0;
  while (start < w.size()) {
    auto end = w.find("\r\n ", start);
    if (end == std::string::npos) end = w.size();
    const auto word = w.substr(start, end - start);
    CHECK(word.size() <= 75);
    CHECK(word.rfind("=?utf-8?B?", 0) == 0);
    start = end + 3;
  }
}

TEST_CASE("a display name is quoted, or encoded when it is not ASCII") {
  CHECK(format_mailbox({"", "ar@example.com"}) == "ar@example.com");
  CHECK(format_mailbox({"Acme AR", "ar@example.com"}) == "\"Acme AR\" <ar@example.com>");
  CHECK(format_mailbox({"José", "j@example.com"}) == "=?utf-8?B?Sm9zw6k=?= <j@example.com>");
}

TEST_CASE("mail.from parses with or without a display name, and a bad address is refused") {
  CHECK(parse_mailbox("Acme AR <ar@acme.example>").email == "ar@acme.example");
  CHECK(parse_mailbox("Acme AR <ar@acme.example>").name == "Acme AR");
  CHECK(parse_mailbox("\"Acme, AR\" <ar@acme.example>").name == "Acme, AR");
  CHECK(parse_mailbox("ar@acme.example").name.empty());
  CHECK_THROWS_AS(parse_mailbox("nobody"), arctl::Error);
  CHECK_THROWS_AS(parse_mailbox("a b@c.d"), arctl::Error);
}

TEST_CASE("quoted-printable keeps lines within 76 characters and encodes '=' and UTF-8") {
  CHECK(quoted_printable("a=b") == "a=3Db");
  CHECK(quoted_printable("ñ") == "=C3=B1");
  CHECK(quoted_printable("line \nnext") == "line=20\r\nnext");
  CHECK(quoted_printable(".dot") == "=2Edot");
  const auto long_line = quoted_printable(std::string(200, 'x'));
  CHECK(longest_line(long_line) <= 76);
  CHECK(lines_end_in_crlf(long_line));
}

TEST_CASE("the date header is RFC 5322 in UTC") {
  using namespace std::chrono;
  const auto t = sys_days{year{2026} / March / 31} + hours{9} + minutes{5};
  CHECK(rfc5322_date(t) == "Tue, 31 Mar 2026 09:05:00 +0000");
}

TEST_CASE("a message has its headers, a text part and base64 attachments, all CRLF") {
  MessageParts m;
  m.from = {"Acme AR", "ar@acme.example"};
  m.to = {"Zoë", "zoe@client.example"};
  m.reply_to = {{"", "help@acme.example"}};
  m.subject = "Statement for März";
  m.date = "Tue, 31 Mar 2026 09:05:00 +0000";
  m.message_id = "<arctl.statement.C1.x@acme.example>";
  m.body = "Dear Zoë,\nplease find attached.\n";
  m.attachments.push_back({"statement.pdf", "application/pdf", std::string(300, '\x01')});
  const auto msg = build_message(m);
  CHECK(lines_end_in_crlf(msg));
  CHECK(longest_line(msg) <= 998);
  const auto h = header_fields(msg);
  REQUIRE(h.size() >= 8);
  CHECK(h[0] == std::pair<std::string, std::string>{"From", "\"Acme AR\" <ar@acme.example>"});
  CHECK(h[1].second == "=?utf-8?B?Wm/Dqw==?= <zoe@client.example>");
  CHECK(h[2].second == "help@acme.example");
  CHECK(h[3].second.rfind("=?utf-8?B?", 0) == 0);
  CHECK(h[5].second == "<arctl.statement.C1.x@acme.example>");
  CHECK(msg.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
  CHECK(msg.find("Content-Disposition: attachment; filename=\"statement.pdf\"\r\n") !=
        std::string::npos);
  CHECK(msg.find(base64(std::string(300, '\x01'), true)) != std::string::npos);
}
