// Planning the notice run: open debit items past due, skipping do-not-dun
// customers and invoices and invoices in dispute, grouped into one letter per
// customer (notices.per_customer, the default) or per customer and level, and
// rendered from notice-LEVEL.txt.mustache. With the collections plugin, a
// customer's collection stage and strategy decide instead (collection_policy).
#include <algorithm>
#include <map>

#include "arctl/collection_policy.hpp"
#include "arctl/error.hpp"
#include "asof.hpp"
#include "notices.hpp"
#include "render.hpp"
#include "report_parts.hpp"

namespace arctl::statements {
namespace {

bool truthy(std::string_view v) {
  return v == "true" || v == "yes" || v == "1";
}

bool attr_true(const Attrs& a, const char* key) {
  auto it = a.find(key);
  return it != a.end() && truthy(it->second);
}

// A past-due item that may be dunned, with the level its days past due reach.
struct Due {
  NoticeItem item;
  const NoticeLevel* target = nullptr;
};

// How a customer is dunned: by a ladder of levels (the configured ones or
// its strategy's letter steps), by its collection stage's own letter, or not
// at all (a stage whose letter went, or that has none).
enum class Mode { kLevels, kStageLetter, kSilent };

// One customer's dunnable past-due items, in due-date order.
struct CustomerDue {
  std::string id, name, email;
  Currency currency;
  std::vector<Due> items;
  Mode mode = Mode::kLevels;
  const std::vector<NoticeLevel>* ladder = nullptr;
  std::vector<NoticeLevel> strategy_levels;  // its strategy's letter steps
  CollectionStanding standing;
};

// A strategy's letter steps as levels 1..n, each rendered from
// notice-step.txt.mustache; the last of several is the final one.
std::vector<NoticeLevel> strategy_levels(const std::vector<int>& days) {
  std::vector<NoticeLevel> out;
  for (std::size_t k = 0; k < days.size(); ++k)
    out.push_back({static_cast<int>(k + 1), days[k],
                   k + 1 == days.size() && k > 0 ? "final" : "reminder", "",
                   "notice-step.txt.mustache"});
  return out;
}

// Sets how `c` is dunned from the collections plugin's answer, if loaded.
void apply_policy(Tx& tx, const PluginHandle& h, CollectionPolicy* policy, const Customer* cust,
                  CustomerDue& c) {
  if (!policy || !cust) return;
  c.standing = policy->standing(tx, *cust);
  if (c.standing.escalated) {
    const bool due = !c.standing.stage_letter.empty() &&
                     recorded_stage_letter(tx, h, c.id) != c.standing.stage_change;
    c.mode = due ? Mode::kStageLetter : Mode::kSilent;
  } else if (c.standing.strategy_set) {
    c.strategy_levels = strategy_levels(c.standing.letter_days);
    c.ladder = &c.strategy_levels;
  }
}

Notice make_notice(const CustomerDue& c, const NoticeLevel& level) {
  Notice n;
  n.customer = c.id;
  n.name = c.name;
  n.email = c.email;
  n.level = level;
  n.currency = c.currency;
  return n;
}

void add_item(Notice& n, const NoticeItem& i) {
  n.total = checked_add(n.total, i.open);
  n.items.push_back(i);
}

// The stage's own letter, listing everything past due.
void stage_letter(const CustomerDue& c, NoticeRun& run) {
  Notice n = make_notice(c, NoticeLevel{0, 0, c.standing.stage, "", c.standing.stage_letter});
  n.stage_change = c.standing.stage_change;
  n.agency = c.standing.agency;
  for (const auto& d : c.items)
    add_item(n, d.item);
  run.notices.push_back(std::move(n));
}

bool below_minimum(const NoticeLevel& l, const Notice& n) {
  return !l.minimum.empty() && n.total < Money::parse(l.minimum, n.currency).minor();
}

// One letter per level: what newly reaches each level, dropped below its minimum.
void per_level(const CustomerDue& c, NoticeRun& run) {
  std::map<int, Notice> by_level;
  for (const auto& d : c.items) {
    if (d.item.previous_level >= d.target->level) continue;
    auto [it, fresh] = by_level.try_emplace(d.target->level, Notice{});
    if (fresh) it->second = make_notice(c, *d.target);
    add_item(it->second, d.item);
  }
  for (auto& [level, n] : by_level) {
    if (below_minimum(n.level, n))
      ++run.skipped_minimum;
    else
      run.notices.push_back(std::move(n));
  }
}

// One letter listing everything past due, at the highest level due whose
// minimum the total meets; sent only when it raises some item's level.
void per_customer_letter(const CustomerDue& c, const std::vector<NoticeLevel>& levels,
                         NoticeRun& run) {
  bool news = false;
  int highest = 0;
  for (const auto& d : c.items) {
    news = news || d.item.previous_level < d.target->level;
    highest = std::max(highest, d.target->level);
  }
  if (!news) return;
  Notice n = make_notice(c, levels.front());
  for (const auto& d : c.items)
    add_item(n, d.item);
  const NoticeLevel* chosen = nullptr;
  for (const auto& l : levels)
    if (l.level <= highest && !below_minimum(l, n)) chosen = &l;
  bool raises = false;
  for (const auto& d : c.items)
    raises = raises || (chosen && d.item.previous_level < chosen->level);
  if (!raises) {
    ++run.skipped_minimum;
    return;
  }
  n.level = *chosen;
  run.notices.push_back(std::move(n));
}

void render(Context& ctx, Notice& n, Date as_of, const std::string& company) {
  n.file = format_date(as_of) + "-" + safe_file_name(n.customer) +
           (n.stage_change ? "-" + safe_file_name(n.level.name)
                           : "-level" + std::to_string(n.level.level)) +
           ".txt";
  Json data;
  data["stage"] = n.stage_change ? n.level.name : "";
  data["agency"] = n.agency;
  data["first"] = n.level.level == 1;
  data["final"] = n.level.name == "final";
  data["company_name"] = company;
  data["customer_id"] = n.customer;
  data["customer_name"] = n.name;
  data["email"] = n.email;
  data["date"] = format_date(as_of);
  data["level"] = n.level.level;
  data["level_name"] = n.level.name;
  data["currency"] = code(n.currency);
  data["total"] = money_str(n.total, n.currency);
  Json items = Json::array();
  for (const auto& i : n.items) {
    const auto open = money_str(i.open, n.currency);
    items.push_back(Json{
        {"document", i.document},
        {"issued", i.issued},
        {"due", i.due},
        {"open", open},
        {"days_past_due", std::to_string(i.days_past_due)},
        {"text", pad(i.document, 20) + "  " + pad(i.issued, 10) + "  " + pad(i.due, 10) + "  " +
                     pad(open, 12, true) + "  " + pad(std::to_string(i.days_past_due), 5, true)}});
  }
  data["items"] = items;
  n.text = ctx.render_template(n.level.tmpl.empty()
                                   ? "notice-" + std::to_string(n.level.level) + ".txt.mustache"
                                   : n.level.tmpl,
                               data);
}

}  // namespace

std::vector<NoticeLevel> parse_levels(std::string_view text) {
  std::vector<NoticeLevel> out;
  auto bad = [&] {
    fail_usage("statements.notice.levels must be LEVEL:DAYS:NAME[:MINIMUM],...; got '" +
               std::string(text) + "'");
  };
  for (const auto& item : split_items(text, ',')) {
    const auto parts = split_items(item, ':');
    if (parts.size() < 3 || parts.size() > 4) bad();
    for (int i : {0, 1})
      if (parts[i].empty() || parts[i].size() > 4 ||
          parts[i].find_first_not_of("0123456789") != std::string::npos)
        bad();
    NoticeLevel l{std::stoi(parts[0]), std::stoi(parts[1]), parts[2],
                  parts.size() == 4 ? parts[3] : "", ""};
    if (l.level <= 0 || l.days <= 0 || l.name.empty()) bad();
    if (!out.empty() && (l.level <= out.back().level || l.days <= out.back().days)) bad();
    out.push_back(l);
  }
  return out;
}

void validate_notice_config(std::string_view key, std::string_view value) {
  if (key != kPerCustomerKey) return;
  if (!truthy(value) && value != "false" && value != "no" && value != "0")
    fail_usage(std::string(kPerCustomerKey) + " must be true or false; got '" + std::string(value) +
               "'");
}

bool per_customer(Tx& tx) {
  const auto v = tx.config_or(kPerCustomerKey, "true");
  validate_notice_config(kPerCustomerKey, v);
  return truthy(v);
}

NoticeRun plan_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of) {
  const auto levels =
      parse_levels(tx.config_or("statements.notice.levels", std::string(kDefaultLevels)));
  const bool one_letter = per_customer(tx);
  std::map<std::string, Money> disputed;
  if (auto* ds = ctx.service<DisputeService>()) disputed = ds->disputed_documents(tx, std::nullopt);
  auto excluded = tx.table(h, "excluded");
  auto* policy = ctx.service<CollectionPolicy>();
  NoticeRun run;
  CustomerDue current;
  bool skip_customer = false;
  auto flush = [&] {
    if (current.items.empty()) return;
    if (current.mode == Mode::kStageLetter)
      stage_letter(current, run);
    else if (one_letter)
      per_customer_letter(current, *current.ladder, run);
    else
      per_level(current, run);
    current.items.clear();
  };
  AsOf asof(tx, h, as_of);
  asof.open_items([&](const OpenItem& it) {
    if (!dunnable(it.kind) || it.customer.empty()) return true;
    // Every level is at least a day past due.
    const auto late = days_between(it.due, as_of);
    if (late < 1) return true;
    if (it.customer != current.id) {
      flush();
      const auto cust = tx.find_customer(it.customer);
      current = CustomerDue{};
      current.id = it.customer;
      current.name = cust ? cust->name : "";
      current.email = cust ? cust->email : "";
      current.currency = it.open.currency();
      current.ladder = &levels;
      apply_policy(tx, h, policy, cust ? &*cust : nullptr, current);
      skip_customer = cust && attr_true(cust->attrs, "do_not_dun");
    }
    if (current.mode == Mode::kSilent) return true;
    const NoticeLevel* target = nullptr;
    for (const auto& l : *current.ladder)
      if (late >= l.days) target = &l;
    if (!target && current.mode == Mode::kLevels) return true;
    const int prev_level = recorded_level(tx, h, it.id);
    // Skips are counted only for what would otherwise have been sent.
    const bool counts = current.mode == Mode::kStageLetter || prev_level < target->level;
    if (skip_customer || excluded.get(KeyBuilder().str(it.id)) ||
        (it.kind == DocKind::kInvoice && attr_true(tx.document(it.id).attrs, "do_not_dun"))) {
      run.skipped_do_not_dun += counts;
      return true;
    }
    if (disputed.count(it.id)) {
      run.skipped_disputed += counts;
      return true;
    }
    current.items.push_back(
        {{it.id, format_date(it.issued), format_date(it.due), it.open.minor(), late, prev_level},
         target});
    return true;
  });
  flush();

  const auto company = tx.config_or("company.name", "");
  for (auto& n : run.notices)
    render(ctx, n, as_of, company);
  return run;
}

}  // namespace arctl::statements
