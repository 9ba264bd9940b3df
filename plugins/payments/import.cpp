// `arctl payment import`: bank statements (CSV, CAMT.053, BAI2) to receipts,
// idempotent by the bank's entry reference, all or nothing. The payer is
// identified by an invoice id in the remittance text, else by name; an
// unidentified credit goes to suspense. A line that confirms exactly one
// receipt keyed by hand is linked to it instead of booked again.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "arctl/error.hpp"
#include "arctl/text.hpp"
#include "bank.hpp"
#include "bank_confirm.hpp"
#include "commands.hpp"

namespace arctl::payments {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string identify(Tx& tx, const BankCredit& c,
                     const std::unordered_map<std::string, std::string>& by_name) {
  std::string word;
  auto check = [&](const std::string& w) -> std::string {
    if (w.size() < 3) return {};
    auto d = tx.find_document(w);
    if (d && is_debit(d->kind) && !d->customer.empty() &&
        d->amount.currency() == c.amount.currency())
      return d->customer;
    return {};
  };
  for (char ch : c.remittance + " ") {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '/' ||
        ch == '.') {
      word += ch;
      continue;
    }
    while (!word.empty() && (word.back() == '.' || word.back() == '/'))
      word.pop_back();
    if (auto customer = check(word); !customer.empty()) return customer;
    word.clear();
  }
  if (auto it = by_name.find(lower(c.debtor)); it != by_name.end() && !c.debtor.empty()) {
    if (tx.customer(it->second).currency == c.amount.currency()) return it->second;
  }
  return {};
}

// Bank files are read by three parsers; whatever text they hand over is
// checked here once, so a stray NUL or a Latin-1 byte never reaches the
// ledger, the journal or an export. Tab and line ends are allowed.
void check_text(const BankCredit& c) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"entry_ref", &c.entry_ref}, {"reference", &c.remittance}, {"payer", &c.debtor},
      {"account", &c.account},     {"method", &c.method},        {"check_no", &c.check_no},
      {"reason", &c.reason}};
  for (const auto& [name, text] : fields) {
    const auto at = text::find_bad_text(*text, "\t\n\r");
    if (at == std::string_view::npos) continue;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>((*text)[at]));
    const std::string where = c.where.field.empty() ? name : c.where.field + ": " + name;
    fail(ErrorKind::kConflict,
         std::string(name) + " has byte " + byte + " at offset " + std::to_string(at) +
             ", which is not UTF-8 text (a control character or another encoding)",
         {c.where.file, c.where.line, where});
  }
}

}  // namespace

void register_import(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string file, format;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "import", "Import receipts from a bank statement; idempotent by the bank's reference");
  cmd->add_option("file", o->file, "Statement file, or - for standard input")->required();
  cmd->add_option("--format", o->format, "csv, camt053 or bai2")
      ->required()
      ->check(CLI::IsMember({"csv", "camt053", "bai2"}));
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, &p, o] {
    Input in(o->file);
    auto& ledger = ctx.ledger();
    const auto default_cur =
        ledger.read([](Tx& tx) { return Currency::parse(tx.config_or("ledger.currency", "USD")); });
    const auto credits = o->format == "camt053" ? read_camt053(in)
                         : o->format == "bai2"  ? read_bai2(in)
                                                : read_bank_csv(in, default_cur);
    for (const auto& c : credits)
      check_text(c);
    std::uint64_t created = 0, unchanged = 0, suspense = 0, held = 0, linked = 0, possible = 0;
    const auto today = ctx.today();
    ledger.write([&](Tx& tx) {
      created = unchanged = suspense = held = linked = possible = 0;
      const int match_days = bank_match_days(tx);
      std::unordered_map<std::string, std::string> by_name;
      tx.for_each_customer([&](const Customer& c) {
        by_name.emplace(lower(c.name), c.id);
        return true;
      });
      Context::Progress progress(ctx, "receipts", credits.size());
      for (const auto& c : credits) {
        try {
          ReceiptInput r;
          r.id = "BANK-" + c.entry_ref;
          r.amount = c.amount.str();
          r.currency = std::string(c.amount.currency().code());
          r.date = c.booked;
          r.value_date = c.value_date;
          r.method = c.method;
          r.ref = c.remittance;
          r.check_no = c.check_no;
          r.payer = c.debtor;
          r.bank_ref = c.entry_ref;
          r.reason = c.reason;
          r.allow_duplicate = true;  // distinct bank entries are distinct receipts
          if (auto existing = tx.find_document(r.id)) {
            if (!(existing->amount == c.amount))
              fail_conflict("bank entry " + c.entry_ref + " was imported before with amount " +
                            existing->amount.str());
            ++unchanged;
            continue;
          }
          if (p.held_table(tx).get(r.id)) {
            ++unchanged;
            continue;
          }
          if (const auto keyed = confirmed_receipt(tx, p, c.entry_ref)) {
            if (const auto d = tx.document(*keyed); !(d.amount == c.amount))
              fail_conflict("bank entry " + c.entry_ref + " confirmed " + *keyed +
                            " before, with amount " + d.amount.str());
            ++unchanged;
            continue;
          }
          r.customer = identify(tx, c, by_name);
          if (!r.customer.empty()) {
            const auto keyed = confirmable_receipts(tx, r.customer, c, match_days);
            if (keyed.size() == 1) {
              confirm_receipt(tx, p, keyed.front(), c);
              ++linked;
              progress.tick();
              continue;
            }
            // Which of them the bank line is, if any, is for a person to say.
            for (const auto& id : keyed)
              r.possible_duplicate += (r.possible_duplicate.empty() ? "" : ",") + id;
            if (!keyed.empty()) ++possible;
          }
          if (r.value_date && *r.value_date <= r.date) r.value_date.reset();
          const auto rec = p.record(tx, r, today);
          ++created;
          if (rec.suspense) ++suspense;
          if (rec.held) ++held;
        } catch (const Error& e) {
          throw e.located(c.where);
        }
        progress.tick();
      }
    });
    Json j{{"file", in.name()},
           {"credits", credits.size()},
           {"created", created},
           {"unchanged", unchanged},
           {"suspense", suspense},
           {"postdated", held},
           {"dry_run", ctx.options().dry_run}};
    j["linked"] = linked;
    j["possible_duplicates"] = possible;
    ctx.report(j, std::to_string(credits.size()) + " credits: " + std::to_string(created) +
                      " receipts added (" + std::to_string(suspense) + " to suspense, " +
                      std::to_string(held) + " post-dated, " + std::to_string(possible) +
                      " possible duplicates), " + std::to_string(linked) +
                      " linked to keyed receipts, " + std::to_string(unchanged) +
                      " already present");
  });
}

}  // namespace arctl::payments
