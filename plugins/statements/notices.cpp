// The notice run: open debit items past due, grouped per customer and level,
// skipping do-not-dun customers and invoices and invoices in dispute.
#include "notices.hpp"

#include <map>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "asof.hpp"
#include "common.hpp"
#include "render.hpp"

namespace arctl::statements {
namespace {

constexpr std::uint8_t kSentV = 1;
constexpr std::uint8_t kExcludedV = 1;

struct Sent {
  std::string customer;
  int level = 0;
  Date date{};
  std::string name;
};

std::optional<Sent> get_sent(PluginTable& t, const std::string& doc) {
  auto v = t.get(KeyBuilder().str(doc));
  if (!v) return std::nullopt;
  Decoder d(*v, kSentV);
  Sent s;
  s.customer = d.str();
  s.level = static_cast<int>(d.u64());
  s.date = d.date();
  s.name = d.str();
  return s;
}

bool truthy(std::string_view v) {
  return v == "true" || v == "yes" || v == "1";
}

bool attr_true(const Attrs& a, const char* key) {
  auto it = a.find(key);
  return it != a.end() && truthy(it->second);
}

}  // namespace

std::vector<NoticeLevel> parse_levels(std::string_view text) {
  std::vector<NoticeLevel> out;
  std::string item;
  auto bad = [&] {
    fail_usage("statements.notice.levels must be LEVEL:DAYS:NAME[:MINIMUM],...; got '" +
               std::string(text) + "'");
  };
  auto flush = [&] {
    std::vector<std::string> parts{""};
    for (char c : item) {
      if (c == ':')
        parts.emplace_back();
      else
        parts.back().push_back(c);
    }
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
    item.clear();
  };
  for (char c : text) {
    if (c == ',')
      flush();
    else if (c != ' ')
      item += c;
  }
  flush();
  return out;
}

NoticeRun run_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of) {
  const auto levels =
      parse_levels(tx.config_or("statements.notice.levels", std::string(kDefaultLevels)));
  std::map<std::string, Money> disputed;
  if (auto* ds = ctx.service<DisputeService>()) disputed = ds->disputed_documents(tx, std::nullopt);
  auto sent = tx.table(h, "notices");
  auto excluded = tx.table(h, "excluded");
  NoticeRun run;
  // (customer, level) -> notice, in customer order.
  std::map<std::pair<std::string, int>, Notice> due;
  std::string last_customer;
  bool skip_customer = false;
  std::optional<Customer> cust;
  AsOf asof(tx, h, as_of);
  asof.open_items([&](const OpenItem& it) {
    if (!dunnable(it.kind) || it.customer.empty()) return true;
    const auto late = days_between(it.due, as_of);
    const NoticeLevel* target = nullptr;
    for (const auto& l : levels)
      if (late >= l.days) target = &l;
    if (!target) return true;
    if (it.customer != last_customer) {
      last_customer = it.customer;
      cust = tx.find_customer(it.customer);
      skip_customer = cust && attr_true(cust->attrs, "do_not_dun");
    }
    const auto prev = get_sent(sent, it.id);
    const int prev_level = prev ? prev->level : 0;
    if (prev_level >= target->level) return true;
    if (skip_customer || excluded.get(KeyBuilder().str(it.id))) {
      ++run.skipped_do_not_dun;
      return true;
    }
    if (disputed.count(it.id)) {
      ++run.skipped_disputed;
      return true;
    }
    if (it.kind == DocKind::kInvoice && attr_true(tx.document(it.id).attrs, "do_not_dun")) {
      ++run.skipped_do_not_dun;
      return true;
    }
    auto& n = due[{it.customer, target->level}];
    if (n.items.empty()) {
      n.customer = it.customer;
      n.name = cust ? cust->name : "";
      n.email = cust ? cust->email : "";
      n.level = *target;
      n.currency = it.open.currency();
    }
    n.total = checked_add(n.total, it.open.minor());
    n.items.push_back(
        {it.id, format_date(it.issued), format_date(it.due), it.open.minor(), late, prev_level});
    return true;
  });

  const auto company = tx.config_or("company.name", "");
  for (auto& [key, n] : due) {
    if (!n.level.minimum.empty() && n.total < Money::parse(n.level.minimum, n.currency).minor()) {
      ++run.skipped_minimum;
      continue;
    }
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
    Json ids = Json::array();
    for (const auto& i : n.items) {
      const auto open = money_str(i.open, n.currency);
      items.push_back(Json{{"document", i.document},
                           {"issued", i.issued},
                           {"due", i.due},
                           {"open", open},
                           {"days_past_due", std::to_string(i.days_past_due)},
                           {"text", pad(i.document, 20) + "  " + pad(i.issued, 10) + "  " +
                                        pad(i.due, 10) + "  " + pad(open, 12, true) + "  " +
                                        pad(std::to_string(i.days_past_due), 5, true)}});
      ids.push_back(i.document);
      sent.put(KeyBuilder().str(i.document), Encoder(kSentV)
                                                 .str(n.customer)
                                                 .u64(static_cast<std::uint64_t>(n.level.level))
                                                 .date(as_of)
                                                 .str(n.level.name)
                                                 .bytes());
    }
    data["items"] = items;
    n.text = ctx.render_template("notice-" + std::to_string(n.level.level) + ".txt.mustache", data);
    tx.emit(kNoticeSent, Json{{"customer", n.customer},
                              {"level", n.level.level},
                              {"name", n.level.name},
                              {"invoices", ids},
                              {"amount", money_str(n.total, n.currency)},
                              {"currency", code(n.currency)},
                              {"date", format_date(as_of)},
                              {"file", n.file}});
    run.notices.push_back(std::move(n));
  }
  return run;
}

void write_notices(const NoticeRun& run, const std::filesystem::path& dir) {
  for (const auto& n : run.notices)
    write_file(dir / n.file, n.text);
}

Json notice_rows(const NoticeRun& run) {
  Json rows = Json::array();
  for (const auto& n : run.notices) {
    std::string ids;
    for (const auto& i : n.items)
      ids += (ids.empty() ? "" : " ") + i.document;
    rows.push_back(Json{{"customer", n.customer},
                        {"level", n.level.level},
                        {"name", n.level.name},
                        {"invoices", ids},
                        {"amount", money_str(n.total, n.currency)},
                        {"currency", code(n.currency)},
                        {"file", n.file}});
  }
  return rows;
}

Json notice_list(Tx& tx, const PluginHandle& h, const std::optional<std::string>& customer) {
  if (customer) tx.customer(*customer);
  Json rows = Json::array();
  auto t = tx.table(h, "notices");
  t.scan({}, [&](BytesView key, BytesView value) {
    KeyReader k(key);
    const auto doc = k.str();
    Decoder d(value, kSentV);
    const auto cust = d.str();
    if (customer && cust != *customer) return true;
    const auto level = d.u64();
    const auto date = d.date();
    const auto name = d.str();
    const auto document = tx.find_document(doc);
    rows.push_back(Json{{"invoice", doc},
                        {"customer", cust},
                        {"level", level},
                        {"name", name},
                        {"sent", format_date(date)},
                        {"open", document ? document->open.str() : ""},
                        {"currency", document ? code(document->amount.currency()) : ""}});
    return true;
  });
  return rows;
}

void set_excluded(Tx& tx, const PluginHandle& h, const std::string& invoice, bool excluded,
                  const std::string& reason) {
  const auto d = tx.document(invoice);
  auto t = tx.table(h, "excluded");
  const auto key = KeyBuilder().str(d.id);
  if (excluded)
    t.put(key, Encoder(kExcludedV).str(reason).bytes());
  else if (!t.del(key))
    fail_not_found("'" + invoice + "' is not marked do-not-dun");
  tx.emit(excluded ? kNoticeExcluded : kNoticeIncluded,
          Json{{"invoice", d.id}, {"customer", d.customer}, {"reason", reason}});
}

}  // namespace arctl::statements
