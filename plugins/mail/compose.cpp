// MailService::queue: one rendered message in the outbox, or the reason why not.
#include "compose.hpp"

#include <chrono>

#include "arctl/contacts.hpp"
#include "arctl/error.hpp"
#include "arctl/events/mail.hpp"
#include "mime.hpp"
#include "outbox.hpp"

namespace arctl::mail {
namespace {

constexpr std::size_t kTagLength = 10;

// atext (RFC 5322) without '=', which escapes everything else.
bool message_id_char(unsigned char c) {
  return std::isalnum(c) || std::string_view("!#$%&'*+-/?^_`{|}~").find(static_cast<char>(c)) !=
                                std::string_view::npos;
}

std::string id_part(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (message_id_char(c)) {
      out += static_cast<char>(c);
    } else if (c == '.' && !out.empty() && out.back() != '.') {
      out += '.';
    } else {
      out += '=';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  while (!out.empty() && out.back() == '.')
    out.pop_back();
  return out;
}

// The recipient: the contact directory's answer, else the customer's e-mail.
std::optional<MailAddress> recipient(Tx& tx, const Services& services, const Customer& c,
                                     const std::string& role) {
  if (auto* contacts = services.find<ContactDirectory>())
    if (auto a = contacts->address_for(tx, c.id, role)) return a;
  if (c.email.empty()) return std::nullopt;
  return MailAddress{c.name, c.email, ""};
}

// "Subject: ..." on the first line, a blank line, then the body.
std::pair<std::string, std::string> split_subject(const std::string& text,
                                                  const std::string& tmpl) {
  constexpr std::string_view kPrefix = "Subject:";
  const auto nl = text.find('\n');
  const auto first = text.substr(0, nl);
  if (first.rfind(kPrefix, 0) != 0)
    fail(ErrorKind::kError, "mail template " + tmpl + " must start with a 'Subject: ...' line");
  auto subject = first.substr(kPrefix.size());
  while (!subject.empty() && (subject.front() == ' ' || subject.front() == '\t'))
    subject.erase(0, 1);
  while (!subject.empty() && (subject.back() == '\r' || subject.back() == ' '))
    subject.pop_back();
  std::string body = nl == std::string::npos ? "" : text.substr(nl + 1);
  while (!body.empty() && (body.front() == '\n' || body.front() == '\r'))
    body.erase(0, 1);
  return {subject, body};
}

}  // namespace

TransportConfig transport_config(Tx& tx) {
  TransportConfig c;
  c.transport = tx.config_or("mail.transport", c.transport);
  c.sendmail_path = tx.config_or("mail.sendmail_path", c.sendmail_path);
  c.starttls = tx.config_or("mail.starttls", c.starttls);
  c.netrc_file = tx.config_or("mail.netrc_file", "");
  return c;
}

std::string message_id(Tx& tx, const MailRequest& r, const std::string& domain) {
  const auto first = tx.journal_entry(1);
  const auto tag = first ? to_hex(first->hash).substr(0, kTagLength) : std::string("0");
  std::string id = "<arctl." + id_part(r.kind);
  for (const auto* part : {&r.document, &r.run})
    if (!part->empty()) id += "." + id_part(*part);
  return id + "." + tag + "@" + domain + ">";
}

std::string template_for(const Context& ctx, const std::string& base, const std::string& language) {
  std::vector<std::string> names;
  if (!language.empty()) {
    names.push_back("mail/" + base + "." + language + ".txt.mustache");
    const auto dash = language.find('-');
    if (dash != std::string::npos)
      names.push_back("mail/" + base + "." + language.substr(0, dash) + ".txt.mustache");
  }
  names.push_back("mail/" + base + ".txt.mustache");
  for (std::size_t i = 0; i + 1 < names.size(); ++i) {
    try {
      ctx.find_template(names[i]);
      return names[i];
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kNotFound) throw;
    }
  }
  ctx.find_template(names.back());  // Error(kNotFound) naming where it looked
  return names.back();
}

QueuedMail queue_message(Context& ctx, Tx& tx, const PluginHandle& handle, const Services& services,
                         const MailRequest& r) {
  const auto from_text = tx.config("mail.from");
  if (!from_text || from_text->empty())
    fail_conflict(
        "mail.from is not set: arctl config set mail.from 'Accounts Receivable <ar@example.com>'");
  const auto from = parse_mailbox(*from_text);
  const auto customer = tx.customer(r.customer);
  QueuedMail q;
  q.customer = customer.id;
  q.message_id = message_id(tx, r, from.email.substr(from.email.find('@') + 1));
  for (const auto& a : r.attachments)
    q.attachments.push_back(a.filename + " (" + std::to_string(a.bytes.size()) + " bytes)");

  Outbox outbox(tx, handle);
  if (const auto id = outbox.by_message_id(q.message_id)) {
    const auto e = outbox.get(*id);
    q.id = e.id;
    q.to = e.to;
    q.subject = e.subject;
    q.status = to_string(e.status);
    q.reason = "already " + q.status;
    return q;
  }
  const auto to = recipient(tx, services, customer, r.role);
  if (!to) {
    q.status = "not sent";
    q.reason = "no e-mail address";
    return q;
  }

  const auto tmpl =
      template_for(ctx, r.template_name.empty() ? r.kind : r.template_name, to->language);
  Json data = r.data;
  data["recipient_name"] = to->name;
  data["recipient_email"] = to->email;
  data["customer_id"] = customer.id;
  data["customer_name"] = customer.name;
  data["from_name"] = from.name;
  const auto [subject, body] = split_subject(ctx.render_template(tmpl, data), tmpl);

  MessageParts m;
  m.from = from;
  m.to = {to->name, to->email};
  m.reply_to = parse_mailbox_list(tx.config_or("mail.reply_to", ""));
  m.subject = subject;
  m.date = rfc5322_date(std::chrono::system_clock::now());
  m.message_id = q.message_id;
  m.body = body;
  m.attachments = r.attachments;

  OutboxEntry e;
  e.message_id = q.message_id;
  e.customer = customer.id;
  e.kind = r.kind;
  e.document = r.document;
  e.run = r.run;
  e.to = to->email;
  e.to_name = to->name;
  e.subject = subject;
  e.sender = from.email;
  e.recipients.push_back(to->email);
  for (const auto& b : parse_mailbox_list(tx.config_or("mail.bcc", "")))
    e.recipients.push_back(b.email);
  for (const auto& a : r.attachments)
    e.attachments.push_back(a.filename + " (" + a.content_type + ", " +
                            std::to_string(a.bytes.size()) + " bytes)");
  e.queued_on = ctx.today();
  e.history.push_back(utc_now() + " queued by " + tx.ledger().session().actor);
  e.message = build_message(m);
  outbox.add(e);
  tx.publish(events::MailQueued{e.id, e.message_id, e.customer, e.to, e.subject, e.kind, e.document,
                                e.message.size()});
  q.id = e.id;
  q.to = e.to;
  q.subject = subject;
  q.queued = true;
  q.status = "queued";
  return q;
}

}  // namespace arctl::mail
