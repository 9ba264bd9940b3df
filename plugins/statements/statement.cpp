// Building a statement from one customer's documents and applications.
#include "statement.hpp"

#include <algorithm>
#include <set>

#include "arctl/error.hpp"
#include "asof.hpp"
#include "groups.hpp"

namespace arctl::statements {

void validate_sender_config(std::string_view key, std::string_view value) {
  if (key != kCompanyKey && key != kAddressKey && key != kRemitToKey) return;
  const auto name = std::string(key);
  if (value.find_first_not_of(' ') == std::string_view::npos)
    fail_usage(name + " must not be blank");
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7F)
      fail_usage(name + " must be one line of printable text (it is printed on every statement)");
  if (value.size() > kMaxSenderLength)
    fail_usage(name + " must be at most " + std::to_string(kMaxSenderLength) +
               " characters to fit on the page; got " + std::to_string(value.size()));
}

Statement build_statement(Tx& tx, const std::string& customer, Date from, Date to,
                          const Buckets& buckets, bool group) {
  Statement s;
  s.customer = tx.customer(customer);
  s.members = group ? group_members(tx, s.customer.id) : std::vector<std::string>{s.customer.id};
  const std::set<std::string> in_statement(s.members.begin(), s.members.end());
  s.from = from;
  s.to = to;
  s.currency = s.customer.currency;
  s.company_name = tx.config_or(kCompanyKey, tx.config_or("company.name", ""));
  s.company_address = tx.config_or(kAddressKey, tx.config_or("company.address", ""));
  s.remit_to = tx.config_or(kRemitToKey, s.company_name);
  // The buckets hold what is owed; open credits (unapplied cash, credit
  // notes) are a last row of their own, as in `aging`.
  s.bucket_labels = buckets.labels();
  s.bucket_labels.push_back("credits");
  s.aging.assign(buckets.size() + 1, 0);

  std::vector<StatementLine> docs;
  std::vector<StatementLine> apps;
  for (const auto& member : s.members)
    tx.documents_of(member, kBeginning(), to, [&](const Document& d) {
      if (d.status == DocStatus::kVoid) return true;
      const bool debit = is_debit(d.kind);
      const auto amount = d.amount.minor();
      if (d.issued < from) {
        s.opening = checked_add(s.opening, debit ? amount : -amount);
      } else {
        StatementLine l;
        l.date = d.issued;
        l.customer = d.customer;
        l.type = to_string(d.kind);
        l.document = d.id;
        l.reference = d.ref;
        l.due = debit ? format_date(d.due) : "";
        (debit ? l.debit : l.credit) = amount;
        l.detail = d.memo;
        docs.push_back(std::move(l));
      }
      // Applications are listed once, from the credit document's side, or
      // from the debit's when the credit is not on this statement. One that
      // crosses the statement's edge (group accounts: a parent's receipt on
      // a child's invoice) moves the balance: the parent's credit is used
      // up, the child's debit is paid.
      Money open = d.amount;
      for (const auto& a : tx.applications_of(d.id)) {
        if (a.date > to) continue;
        open += a.is_reversal() ? a.amount : -a.amount;
        const auto other = tx.document(debit ? a.from : a.to).customer;
        const bool crosses = !in_statement.count(other);
        if (debit && !crosses) continue;
        std::int64_t dr = 0, cr = 0;
        if (crosses) (debit == a.is_reversal() ? dr : cr) = a.amount.minor();
        if (a.date < from) {
          s.opening = checked_add(s.opening, dr - cr);
          continue;
        }
        StatementLine l;
        l.date = a.date;
        l.customer = d.customer;
        l.type = a.is_reversal() ? "unapplied" : "applied";
        l.document = a.from;
        l.reference = a.to;
        l.debit = dr;
        l.credit = cr;
        l.detail = (a.is_reversal() ? "reversed " : "applied ") + a.amount.str() +
                   (debit ? " of " + a.from : "") + " to " + a.to +
                   (crosses ? " (" + other + ")" : "");
        apps.push_back(std::move(l));
      }
      if (open.is_positive()) {
        const auto signed_open = debit ? open.minor() : -open.minor();
        const auto late = debit ? days_between(d.due, to) : 0;
        const auto b = debit ? buckets.index(late) : buckets.size();
        s.aging[b] = checked_add(s.aging[b], signed_open);
        s.open_items.push_back({d.id, to_string(d.kind), format_date(d.issued),
                                debit ? format_date(d.due) : "", amount, signed_open,
                                late > 0 ? late : 0});
      }
      return true;
    });
  std::stable_sort(docs.begin(), docs.end(),
                   [](const StatementLine& a, const StatementLine& b) { return a.date < b.date; });
  std::stable_sort(apps.begin(), apps.end(),
                   [](const StatementLine& a, const StatementLine& b) { return a.date < b.date; });
  // Documents first on a day, then the applications between them.
  std::size_t i = 0, j = 0;
  std::int64_t running = s.opening;
  while (i < docs.size() || j < apps.size()) {
    const bool take_doc = j >= apps.size() || (i < docs.size() && docs[i].date <= apps[j].date);
    StatementLine l = take_doc ? std::move(docs[i++]) : std::move(apps[j++]);
    running = checked_add(running, l.debit - l.credit);
    s.debits = checked_add(s.debits, l.debit);
    s.credits = checked_add(s.credits, l.credit);
    l.balance = running;
    s.lines.push_back(std::move(l));
  }
  s.closing = running;
  return s;
}

namespace {

Json line_json(const Statement& s, const StatementLine& l) {
  Json j;
  j["date"] = format_date(l.date);
  // Only a group statement has the column: a single customer's keeps its layout.
  if (s.members.size() > 1) j["customer"] = l.customer;
  j["type"] = l.type;
  j["document"] = l.document;
  j["reference"] = l.reference;
  j["due"] = l.due;
  j["debit"] = l.debit ? money_str(l.debit, s.currency) : "";
  j["credit"] = l.credit ? money_str(l.credit, s.currency) : "";
  j["balance"] = money_str(l.balance, s.currency);
  j["detail"] = l.detail;
  return j;
}

}  // namespace

Json statement_json(const Statement& s) {
  Json j;
  j["customer"] = s.customer.id;
  j["name"] = s.customer.name;
  if (s.members.size() > 1) j["group"] = s.members;
  j["email"] = s.customer.email;
  j["currency"] = code(s.currency);
  j["from"] = format_date(s.from);
  j["to"] = format_date(s.to);
  j["opening_balance"] = money_str(s.opening, s.currency);
  j["debits"] = money_str(s.debits, s.currency);
  j["credits"] = money_str(s.credits, s.currency);
  j["closing_balance"] = money_str(s.closing, s.currency);
  j["amount_due"] = money_str(std::max<std::int64_t>(s.closing, 0), s.currency);
  Json lines = Json::array();
  for (const auto& l : s.lines)
    lines.push_back(line_json(s, l));
  j["lines"] = lines;
  Json aging = Json::array();
  for (std::size_t i = 0; i < s.aging.size(); ++i)
    aging.push_back(
        Json{{"bucket", s.bucket_labels[i]}, {"amount", money_str(s.aging[i], s.currency)}});
  j["aging"] = aging;
  Json items = Json::array();
  for (const auto& o : s.open_items)
    items.push_back(Json{{"document", o.document},
                         {"type", o.type},
                         {"issued", o.issued},
                         {"due", o.due},
                         {"amount", money_str(o.amount, s.currency)},
                         {"open", money_str(o.open, s.currency)},
                         {"days_past_due", o.days_past_due}});
  j["open_items"] = items;
  j["company_name"] = s.company_name;
  j["company_address"] = s.company_address;
  j["remit_to"] = s.remit_to;
  return j;
}

Json statement_rows(const Statement& s) {
  Json rows = Json::array();
  StatementLine open;
  open.date = s.from - std::chrono::days(1);
  open.type = "opening";
  open.balance = s.opening;
  rows.push_back(line_json(s, open));
  for (const auto& l : s.lines)
    rows.push_back(line_json(s, l));
  StatementLine close;
  close.date = s.to;
  close.type = "closing";
  close.balance = s.closing;
  rows.push_back(line_json(s, close));
  return rows;
}

}  // namespace arctl::statements
