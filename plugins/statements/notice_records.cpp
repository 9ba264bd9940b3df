// What the notice runs recorded: per invoice the highest level sent and the
// run and file of the last letter at that level (table "notices"), the text
// of every letter per run (table "letters"), and the do-not-dun marks.
#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "notices.hpp"
#include "report_parts.hpp"

namespace arctl::statements {
namespace {

// v1: customer, level, date, name. v2 adds run, file.
constexpr std::uint8_t kSentV = 2;
constexpr std::uint8_t kLetterV = 1;
constexpr std::uint8_t kExcludedV = 1;
constexpr std::uint8_t kStageLetterV = 1;
constexpr std::string_view kRunCounter = "statements.notice_run";

struct Sent {
  std::string customer;
  int level = 0;
  Date date{};
  std::string name;
  std::uint64_t run = 0;  // 0: sent before letters were kept
  std::string file;
};

Sent decode_sent(BytesView value) {
  Decoder d(value, kSentV);
  Sent s;
  s.customer = d.str();
  s.level = static_cast<int>(d.u64());
  s.date = d.date();
  s.name = d.str();
  if (d.version() >= 2) {
    s.run = d.u64();
    s.file = d.str();
  }
  return s;
}

std::optional<Sent> get_sent(PluginTable& t, const std::string& doc) {
  auto v = t.get(KeyBuilder().str(doc));
  if (!v) return std::nullopt;
  return decode_sent(*v);
}

Bytes encode_letter(const Notice& n, Date date) {
  Encoder e(kLetterV);
  e.str(n.customer).u64(static_cast<std::uint64_t>(n.level.level)).str(n.level.name);
  e.currency(n.currency).i64(n.total).date(date).u64(n.items.size());
  for (const auto& i : n.items)
    e.str(i.document);
  e.str(n.text);
  return std::move(e).bytes();
}

Notice decode_letter(std::uint64_t run, std::string file, BytesView value) {
  Decoder d(value, kLetterV);
  Notice n;
  n.run = run;
  n.file = std::move(file);
  n.customer = d.str();
  n.level.level = static_cast<int>(d.u64());
  n.level.name = d.str();
  n.currency = d.currency();
  n.total = d.i64();
  d.date();
  for (auto count = d.u64(); count > 0; --count) {
    NoticeItem i;
    i.document = d.str();
    n.items.push_back(std::move(i));
  }
  n.text = d.str();
  return n;
}

void record(Tx& tx, const PluginHandle& h, Date as_of, NoticeRun& run) {
  if (run.notices.empty()) return;
  run.id = tx.next_counter(kRunCounter);
  auto sent = tx.table(h, "notices");
  auto letters = tx.table(h, "letters");
  for (auto& n : run.notices) {
    n.run = run.id;
    std::vector<std::string> ids;
    // A stage letter leaves the items' levels alone: routine dunning resumes
    // from them if the customer comes back to normal.
    if (n.stage_change != 0)
      tx.table(h, "stage_letters")
          .put(KeyBuilder().str(n.customer), Encoder(kStageLetterV).u64(n.stage_change).bytes());
    for (const auto& i : n.items) {
      ids.push_back(i.document);
      if (n.stage_change != 0) continue;
      // A recorded level never goes down: an item already noticed higher keeps
      // that level and the letter that carried it.
      if (i.previous_level > n.level.level) continue;
      sent.put(KeyBuilder().str(i.document), Encoder(kSentV)
                                                 .str(n.customer)
                                                 .u64(static_cast<std::uint64_t>(n.level.level))
                                                 .date(as_of)
                                                 .str(n.level.name)
                                                 .u64(run.id)
                                                 .str(n.file)
                                                 .bytes());
    }
    letters.put(KeyBuilder().u64(run.id).str(n.file), encode_letter(n, as_of));
    tx.publish(events::NoticeSent{n.customer, n.level.level, n.level.name, ids,
                                  Money(n.total, n.currency), as_of, n.file, run.id});
  }
}

}  // namespace

bool Notice::operator==(const Notice& o) const {
  auto same_items = [&] {
    if (items.size() != o.items.size()) return false;
    for (std::size_t k = 0; k < items.size(); ++k)
      if (items[k].document != o.items[k].document ||
          items[k].previous_level != o.items[k].previous_level)
        return false;
    return true;
  };
  return customer == o.customer && level.level == o.level.level && total == o.total &&
         file == o.file && text == o.text && same_items();
}

int recorded_level(Tx& tx, const PluginHandle& h, const std::string& invoice) {
  auto t = tx.table(h, "notices");
  const auto s = get_sent(t, invoice);
  return s ? s->level : 0;
}

std::uint64_t recorded_stage_letter(Tx& tx, const PluginHandle& h, const std::string& customer) {
  const auto v = tx.table(h, "stage_letters").get(KeyBuilder().str(customer));
  if (!v) return 0;
  Decoder d(*v, kStageLetterV);
  return d.u64();
}

NoticeRun record_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of,
                         const NoticeRun& staged) {
  auto run = plan_notices(ctx, tx, h, as_of);
  if (run.notices != staged.notices)
    fail_conflict(
        "the ledger changed while the notices were being prepared; nothing was recorded or "
        "written: run the notices again");
  record(tx, h, as_of, run);
  return run;
}

NoticeRun run_notices(Context& ctx, Tx& tx, const PluginHandle& h, Date as_of) {
  auto run = plan_notices(ctx, tx, h, as_of);
  record(tx, h, as_of, run);
  return run;
}

Json notice_rows(const std::vector<Notice>& notices) {
  Json rows = Json::array();
  for (const auto& n : notices) {
    std::string ids;
    for (const auto& i : n.items)
      ids += (ids.empty() ? "" : " ") + i.document;
    rows.push_back(Json{{"customer", n.customer},
                        {"level", n.level.level},
                        {"name", n.level.name},
                        {"invoices", ids},
                        {"amount", money_str(n.total, n.currency)},
                        {"currency", code(n.currency)},
                        {"file", n.file},
                        {"run", n.run}});
  }
  return rows;
}

Json notice_list(Tx& tx, const PluginHandle& h, const std::optional<std::string>& customer) {
  if (customer) tx.customer(*customer);
  Json rows = Json::array();
  auto t = tx.table(h, "notices");
  t.scan({}, [&](BytesView key, BytesView value) {
    const auto doc = KeyReader(key).str();
    const auto s = decode_sent(value);
    if (customer && s.customer != *customer) return true;
    const auto document = tx.find_document(doc);
    rows.push_back(Json{{"invoice", doc},
                        {"customer", s.customer},
                        {"level", s.level},
                        {"name", s.name},
                        {"sent", format_date(s.date)},
                        {"run", s.run},
                        {"open", document ? document->open.str() : ""},
                        {"currency", document ? code(document->amount.currency()) : ""}});
    return true;
  });
  return rows;
}

Notice letter_of_invoice(Tx& tx, const PluginHandle& h, const std::string& invoice) {
  auto t = tx.table(h, "notices");
  const auto s = get_sent(t, invoice);
  if (!s) fail_not_found("no notice was sent for '" + invoice + "'");
  if (s->run == 0)
    fail_not_found("the notice for '" + invoice + "' was sent on " + format_date(s->date) +
                   ", before notice letters were kept");
  const auto v = tx.table(h, "letters").get(KeyBuilder().u64(s->run).str(s->file));
  if (!v)
    fail(ErrorKind::kError,
         "letter " + s->file + " of notice run " + std::to_string(s->run) + " is missing");
  return decode_letter(s->run, s->file, *v);
}

std::vector<Notice> letters_of_run(Tx& tx, const PluginHandle& h, std::uint64_t run) {
  std::vector<Notice> out;
  tx.table(h, "letters").scan(KeyBuilder().u64(run), [&](BytesView key, BytesView value) {
    KeyReader k(key);
    k.u64();
    out.push_back(decode_letter(run, k.str(), value));
    return true;
  });
  if (out.empty()) fail_not_found("no notice run " + std::to_string(run));
  return out;
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
  if (excluded)
    tx.publish(events::NoticeExcluded{d.id, d.customer, reason});
  else
    tx.publish(events::NoticeIncluded{d.id, d.customer, reason});
}

}  // namespace arctl::statements
