// The five GL export syntaxes. Amounts are the exact minor units printed with
// the currency's decimals and the ISO code as the commodity, so every tool
// reads the same figures and each entry stays in its own currency.
#include "writers.hpp"

#include <array>
#include <ostream>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "arctl/names.hpp"
#include "arctl/output.hpp"

namespace arctl::gl {
namespace {

// Each syntax's name on the command line and the file extension its tools expect.
constexpr std::array<Named<Syntax>, 5> kSyntaxes{{
    {Syntax::kLedger, "ledger", ".ledger"},
    {Syntax::kHledger, "hledger", ".journal"},
    {Syntax::kBeancount, "beancount", ".beancount"},
    {Syntax::kCsv, "csv", ".csv"},
    {Syntax::kJsonl, "jsonl", ".jsonl"},
}};

// Text safe for a journal header or comment: one line, no comment markers.
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t')
      out += ' ';
    else if (c == ';' || c == '#')
      out += ',';
    else
      out += c;
  }
  return out;
}

std::string bean_str(std::string_view s) {
  std::string out = "\"";
  for (char c : one_line(s)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string amount(const Entry& e, std::int64_t minor) {
  return Money(minor, e.currency).str() + " " + std::string(e.currency.code());
}

std::string debit(const Entry& e, std::int64_t minor) {
  return minor > 0 ? Money(minor, e.currency).str() : std::string();
}

std::string credit(const Entry& e, std::int64_t minor) {
  return minor < 0 ? Money(-minor, e.currency).str() : std::string();
}

}  // namespace

Syntax parse_syntax(std::string_view s) {
  if (const auto* e = find_name(kSyntaxes, s)) return e->value;
  fail_usage("unknown GL export format '" + std::string(s) +
             "': use ledger, hledger, beancount, csv or jsonl");
}

const char* to_string(Syntax s) {
  const auto* e = find_value(kSyntaxes, s);
  return e ? e->name : "?";
}

const char* extension(Syntax s) {
  const auto* e = find_value(kSyntaxes, s);
  return e ? e->extension : "";
}

std::string entry_id(const Entry& e) {
  if (e.kind == "summary") return format_date(e.date) + "/" + std::string(e.currency.code());
  return "arctl-" + std::to_string(e.seq);
}

Writer::Writer(std::ostream& out, Syntax syntax) : out_(out), syntax_(syntax) {}

void Writer::begin(const std::vector<std::string>& accounts,
                   const std::set<std::string>& currencies, const std::vector<std::string>& title) {
  switch (syntax_) {
    case Syntax::kLedger:
    case Syntax::kHledger:
      for (const auto& t : title)
        out_ << "; " << one_line(t) << '\n';
      out_ << '\n';
      for (const auto& a : accounts)
        out_ << "account " << a << '\n';
      for (const auto& c : currencies)
        out_ << "commodity " << c << '\n';
      declared_ = currencies;
      // ledger --pedantic wants metadata tags declared; hledger needs no tags.
      if (syntax_ == Syntax::kLedger)
        for (const char* tag : {"arctl-seq", "arctl-doc", "arctl-kind", "arctl-customer",
                                "arctl-docdate", "arctl-entries"})
          out_ << "tag " << tag << '\n';
      out_ << '\n';
      break;
    case Syntax::kBeancount:
      for (const auto& t : title)
        out_ << "; " << one_line(t) << '\n';
      out_ << '\n';
      for (const auto& a : accounts) {
        if (!beancount_account(a))
          fail(ErrorKind::kConflict,
               "gl account '" + a +
                   "' is not a beancount account name (Assets|Liabilities|Equity|Income|Expenses, "
                   "then components starting with a capital letter or digit)");
        out_ << "1970-01-01 open " << a << '\n';
      }
      out_ << '\n';
      break;
    case Syntax::kCsv:
      out_ << "entry,date,seq,document,kind,customer,description,account,debit,credit,currency\n";
      break;
    case Syntax::kJsonl:
      break;
  }
}

void Writer::text_entry(const Entry& e) {
  if (declared_.insert(std::string(e.currency.code())).second)
    out_ << "commodity " << e.currency.code() << "\n\n";
  out_ << format_date(e.date) << " *";
  if (!e.document.empty() && e.document.find_first_of("()") == std::string::npos)
    out_ << " (" << one_line(e.document) << ')';
  out_ << ' ' << one_line(e.description) << '\n';
  if (e.kind == "summary") {
    out_ << "    ; arctl-seq: " << e.seq << '-' << e.last_seq << '\n';
    out_ << "    ; arctl-entries: " << e.events << '\n';
  } else {
    out_ << "    ; arctl-seq: " << e.seq << '\n';
    out_ << "    ; arctl-doc: " << one_line(e.document) << '\n';
    out_ << "    ; arctl-kind: " << e.kind << '\n';
    if (!e.customer.empty()) out_ << "    ; arctl-customer: " << one_line(e.customer) << '\n';
    if (e.document_date) out_ << "    ; arctl-docdate: " << format_date(*e.document_date) << '\n';
  }
  for (const auto& p : e.postings) {
    out_ << "    " << p.account;
    const auto a = amount(e, p.minor);
    const std::size_t width = 48;
    const std::size_t used = p.account.size() + a.size();
    out_ << std::string(used + 2 < width ? width - used : 2, ' ') << a << '\n';
  }
  out_ << '\n';
}

void Writer::beancount_entry(const Entry& e) {
  out_ << format_date(e.date) << " * " << bean_str(e.customer) << ' ' << bean_str(e.description)
       << '\n';
  if (e.kind == "summary") {
    out_ << "  arctl-first-seq: " << e.seq << '\n';
    out_ << "  arctl-last-seq: " << e.last_seq << '\n';
    out_ << "  arctl-entries: " << e.events << '\n';
  } else {
    out_ << "  arctl-seq: " << e.seq << '\n';
    out_ << "  arctl-doc: " << bean_str(e.document) << '\n';
    out_ << "  arctl-kind: " << bean_str(e.kind) << '\n';
    if (e.document_date) out_ << "  arctl-docdate: " << format_date(*e.document_date) << '\n';
  }
  for (const auto& p : e.postings)
    out_ << "  " << p.account << "  " << amount(e, p.minor) << '\n';
  out_ << '\n';
}

void Writer::csv_entry(const Entry& e) {
  const auto id = entry_id(e);
  for (const auto& p : e.postings) {
    const std::string fields[] = {id,
                                  format_date(e.date),
                                  e.kind == "summary" ? "" : std::to_string(e.seq),
                                  e.document,
                                  e.kind,
                                  e.customer,
                                  e.description,
                                  p.account,
                                  debit(e, p.minor),
                                  credit(e, p.minor),
                                  std::string(e.currency.code())};
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out_ << ',';
      out_ << csv_escape(f, ',', true);
      first = false;
    }
    out_ << '\n';
  }
}

void Writer::jsonl_entry(const Entry& e) {
  Json j;
  j["entry"] = entry_id(e);
  j["date"] = format_date(e.date);
  j["seq"] = e.seq;
  if (e.kind == "summary") {
    j["last_seq"] = e.last_seq;
    j["entries"] = e.events;
  }
  j["document"] = e.document;
  j["kind"] = e.kind;
  j["customer"] = e.customer;
  j["description"] = e.description;
  if (e.document_date) j["document_date"] = format_date(*e.document_date);
  j["currency"] = std::string(e.currency.code());
  Json postings = Json::array();
  for (const auto& p : e.postings)
    postings.push_back(
        Json{{"account", p.account}, {"debit", debit(e, p.minor)}, {"credit", credit(e, p.minor)}});
  j["postings"] = std::move(postings);
  out_ << j.dump() << '\n';
}

void Writer::entry(const Entry& e) {
  switch (syntax_) {
    case Syntax::kLedger:
    case Syntax::kHledger:
      text_entry(e);
      break;
    case Syntax::kBeancount:
      beancount_entry(e);
      break;
    case Syntax::kCsv:
      csv_entry(e);
      break;
    case Syntax::kJsonl:
      jsonl_entry(e);
      break;
  }
}

}  // namespace arctl::gl
