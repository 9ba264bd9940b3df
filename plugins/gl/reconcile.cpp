// The tie-out. arctl's side is computed from the same GL entries the export
// writes (every entry dated on or before the date, whether exported or not),
// so the only ways the two sides can differ are entries the GL has not
// received, entries the GL has that AR does not know, and errors. An entry
// the GL has not received is listed and keeps the verdict at "not
// explained" until it is exported: a GL missing entries does not tie out.
#include "reconcile.hpp"

#include <map>
#include <set>

#include "accounts.hpp"
#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "arctl/input.hpp"
#include "exports.hpp"
#include "sent_log.hpp"
#include "source.hpp"

namespace arctl::gl {
namespace {

struct Figures {
  std::map<std::string, std::int64_t> by_account;  // receivable-tree account -> balance
  std::int64_t ar = 0;
  std::optional<std::int64_t> gl;
  std::int64_t explained = 0;
  std::uint64_t missing = 0;  // entries not in the GL
  Json details = Json::array();
};

Json row(const std::string& cur, const std::string& item, std::int64_t minor,
         const std::string& detail = "", const std::string& date = "", std::uint64_t seq = 0,
         const std::string& document = "") {
  return Json{{"currency", cur},
              {"item", item},
              {"amount", Money(minor, Currency::parse(cur)).str()},
              {"date", date},
              {"seq", seq ? std::to_string(seq) : std::string()},
              {"document", document},
              {"detail", detail}};
}

// "12.50" or "12.50 EUR"; without a currency, the ledger's only one.
std::pair<std::string, std::int64_t> parse_amount(std::string_view text, const std::string& what,
                                                  const std::set<std::string>& currencies) {
  std::string s(text);
  std::string cur;
  if (auto sp = s.find(' '); sp != std::string::npos) {
    cur = s.substr(sp + 1);
    s.resize(sp);
  }
  if (cur.empty()) {
    if (currencies.size() != 1)
      fail_usage(what + ": say which currency (\"AMOUNT CUR\"): the ledger has " +
                 std::to_string(currencies.size()) + " currencies");
    cur = *currencies.begin();
  }
  try {
    return {std::string(Currency::parse(cur).code()),
            Money::parse(s, Currency::parse(cur)).minor()};
  } catch (const Error& e) {
    fail_usage(what + ": " + e.what());
  }
}

// Sums the receivable-tree rows of a trial balance CSV per currency.
void read_gl_file(const std::string& path, const std::set<std::string>& tree,
                  const std::set<std::string>& currencies, std::map<std::string, Figures>& figs) {
  Input in(path);
  CsvReader reader(in.stream(), in.name());
  auto head = reader.next();
  if (!head) fail(ErrorKind::kConflict, "empty trial balance", {in.name(), 1, ""});
  CsvHeader h(*head, in.name(), {"account"}, {"account", "balance", "debit", "credit", "currency"});
  if (!h.has("balance") && !(h.has("debit") && h.has("credit")))
    fail(ErrorKind::kConflict, "a trial balance needs a balance column, or debit and credit",
         {in.name(), head->line, "balance"});
  while (auto rec = h.next(reader)) {
    const std::string account(h.get(*rec, "account"));
    if (!tree.count(account)) continue;
    std::string cur(h.get(*rec, "currency"));
    if (cur.empty()) {
      if (currencies.size() != 1)
        fail(ErrorKind::kConflict, "the ledger has several currencies: add a currency column",
             {in.name(), rec->line, "currency"});
      cur = *currencies.begin();
    }
    auto money = [&](std::string_view col) -> std::int64_t {
      const auto v = h.get(*rec, col);
      if (v.empty()) return 0;
      try {
        return Money::parse(v, Currency::parse(cur), Grouping::kComma).minor();
      } catch (const Error& e) {
        fail(ErrorKind::kConflict, e.what(), {in.name(), rec->line, std::string(col)});
      }
    };
    const auto amount =
        h.has("balance") ? money("balance") : checked_add(money("debit"), -money("credit"));
    auto& f = figs[std::string(Currency::parse(cur).code())];
    f.gl = checked_add(f.gl.value_or(0), amount);
  }
}

}  // namespace

Reconciliation reconcile(Tx& tx, const PluginHandle& h, const ReconcileOptions& o) {
  AccountMap map(tx);
  EntryBuilder builder(tx, map, o.invoicing);
  std::vector<std::string> tree_order;
  std::set<std::string> tree;
  for (auto role : {kReceivable, kUnapplied, kSuspense}) {
    const auto& a = map.role(role, "reconcile");
    if (tree.insert(a).second) tree_order.push_back(a);
  }
  const auto exports = list_exports(tx, h);
  SentLog sent(tx, h);
  const auto lock = tx.lock_date();

  std::map<std::string, Figures> figs;
  DateIndex index(tx, h);
  index.catch_up(builder);
  index.visit(Date{}, o.as_of, [&](const GlEvent& g) {
    index.load(g, [&](const JournalEntry& ev) {
      auto e = builder.build(ev);
      if (!e) return;
      std::int64_t ar = 0;
      auto& f = figs[std::string(e->currency.code())];
      for (const auto& p : e->postings)
        if (tree.count(p.account)) {
          ar = checked_add(ar, p.minor);
          f.by_account[p.account] = checked_add(f.by_account[p.account], p.minor);
        }
      f.ar = checked_add(f.ar, ar);
      if (ar == 0) return;
      if (sent.find(e->seq, e->date)) return;
      // The latest range export whose dates include the entry's: it ran
      // before the entry was posted.
      const ExportRecord* covering = nullptr;
      for (const auto& x : exports)
        if (!x.since_last && x.from <= e->date && e->date <= x.to && x.seq_to < e->seq)
          covering = &x;
      std::string why;
      if (covering)
        why = "dated in " + covering->label + ", posted after export " +
              std::to_string(covering->number) + " of that range";
      else if (lock && e->date <= *lock)
        why = "dated in a closed period (locked through " + format_date(*lock) + "), not exported";
      else if (exports.empty())
        why = "never exported (no export yet)";
      else if (exports.back().seq_to >= e->seq)
        why = "never exported (outside the ranges exported since it was posted)";
      else
        why = "posted after the last export";
      // The GL lacks this posting: it explains GL - AR by its negative.
      f.explained = checked_add(f.explained, -ar);
      ++f.missing;
      f.details.push_back(row(std::string(e->currency.code()), "not in GL", -ar,
                              why + ": " + e->description, format_date(e->date), e->seq,
                              e->document));
    });
  });

  std::set<std::string> currencies;
  for (const auto& [cur, f] : figs)
    currencies.insert(cur);
  if (currencies.empty()) currencies.insert(std::string(tx.config_or("ledger.currency", "USD")));
  if (o.gl_balance) {
    auto [cur, minor] = parse_amount(*o.gl_balance, "--gl-balance", currencies);
    figs[cur].gl = minor;
  }
  if (o.gl_file) read_gl_file(*o.gl_file, tree, currencies, figs);
  for (const auto& m : o.manual) {
    const auto colon = m.find(':');
    if (colon == std::string::npos || colon + 1 >= m.size())
      fail_usage("--manual needs AMOUNT[ CUR]:DESCRIPTION, got '" + m + "'");
    auto [cur, minor] = parse_amount(m.substr(0, colon), "--manual", currencies);
    auto& f = figs[cur];
    f.explained = checked_add(f.explained, minor);
    f.details.push_back(row(cur, "manual GL entry", minor, m.substr(colon + 1)));
  }

  Reconciliation out;
  for (auto& [cur, f] : figs) {
    if (!f.gl) continue;  // a currency the GL figures do not cover
    out.rows.push_back(row(cur, "gl balance", *f.gl, "receivable accounts in the general ledger"));
    for (const auto& a : tree_order)
      out.rows.push_back(row(cur, "ar " + a, f.by_account[a], "as of " + format_date(o.as_of)));
    out.rows.push_back(
        row(cur, "ar balance", f.ar,
            "aging total as of " + format_date(o.as_of) + " (open items net of unapplied cash)"));
    const auto diff = checked_add(*f.gl, -f.ar);
    out.rows.push_back(row(cur, "difference", diff, "gl balance - ar balance"));
    for (auto& d : f.details)
      out.rows.push_back(std::move(d));
    const auto rest = checked_add(diff, -f.explained);
    std::string verdict;
    if (f.missing)
      verdict = "not explained: " + std::to_string(f.missing) +
                (f.missing == 1 ? " entry is" : " entries are") + " not in the GL (export them)" +
                (rest == 0 ? "" : "; the rest is not explained by them or manual entries");
    else if (rest != 0)
      verdict = "not explained by unexported postings or manual entries";
    else
      verdict = "the difference is fully explained";
    out.rows.push_back(row(cur, "unexplained", rest, verdict));
    if (rest != 0 || f.missing) out.balanced = false;
  }
  if (out.rows.empty()) fail_usage("give the GL side: --gl-balance AMOUNT[ CUR] or --gl-file FILE");
  return out;
}

}  // namespace arctl::gl
