// Planning the notice run: open debit items past due, skipping do-not-dun
// customers and invoices and invoices in dispute, grouped into one letter per
// customer (notices.per_customer, the default) or per customer and level, and
// rendered from notice-LEVEL.txt.mustache.
#include <algorithm>
#include <map>

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

// One customer's dunnable past-due items, in due-date order.
struct CustomerDue {
  std::string id, name, email;
  Currency currency;
  std::vector<Due> items;
};

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
  n.file = format_date(as_of) + "-" + safe_file_name(n.customer) + "-level" +
           std::to_string(n.level.level) + ".txt";
  Json data;
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
  n.text = ctx.render_template("notice-" + std::to_string(n.level.level) + ".txt.mustache", data);
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
                  parts.size() == 4 ? parts[3] : ""};
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
  NoticeRun run;
  CustomerDue current;
  bool skip_customer = false;
  auto flush = [&] {
    if (current.items.empty()) return;
    if (one_letter)
      per_customer_letter(current, levels, run);
    else
      per_level(current, run);
    current.items.clear();
  };
  AsOf asof(tx, h, as_of);
  asof.open_items([&](const OpenItem& it) {
    if (!dunnable(it.kind) || it.customer.empty()) return true;
    const auto late = days_between(it.due, as_of);
    const NoticeLevel* target = nullptr;
    for (const auto& l : levels)
      if (late >= l.days) target = &l;
    if (!target) return true;
    if (it.customer != current.id) {
      flush();
      const auto cust = tx.find_customer(it.customer);
      current.id = it.customer;
      current.name = cust ? cust->name : "";
      current.email = cust ? cust->email : "";
      current.currency = it.open.currency();
      skip_customer = cust && attr_true(cust->attrs, "do_not_dun");
    }
    const int prev_level = recorded_level(tx, h, it.id);
    // Skips are counted only for what would otherwise have been sent.
    const bool counts = prev_level < target->level;
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
