// Binary encodings of kernel records and index entries. Version 1 of each.
#include "records.hpp"

#include "arctl/error.hpp"

namespace arctl::records {
namespace {

constexpr std::uint8_t kCustomerV = 1;
constexpr std::uint8_t kDocumentV = 1;
constexpr std::uint8_t kApplicationV = 1;
constexpr std::uint8_t kBalanceV = 1;
constexpr std::uint8_t kJournalV = 1;

// An enumeration's stored value, refused unless in [lo, hi]: corrupt bytes
// must not pass as a record with an unknown kind or status.
std::uint64_t bounded(std::uint64_t v, std::uint64_t lo, std::uint64_t hi, const char* what) {
  if (v < lo || v > hi)
    fail(ErrorKind::kError, std::string("corrupt record: ") + what + " " + std::to_string(v));
  return v;
}
constexpr std::uint8_t kHeadV = 1;
constexpr std::uint8_t kOpenItemV = 2;  // 2 adds the discount date

void put_attrs(Encoder& e, const Attrs& a) {
  e.u64(a.size());
  for (const auto& [k, v] : a)
    e.str(k).str(v);
}

Attrs get_attrs(Decoder& d) {
  Attrs a;
  const auto n = d.u64();
  for (std::uint64_t i = 0; i < n; ++i) {
    auto k = d.str();
    a.emplace(std::move(k), d.str());
  }
  return a;
}

void put_hash(Encoder& e, const Hash& h) {
  e.str(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

// Journal payloads are a few levels deep. The msgpack reader recurses once per
// level, so a corrupt payload of nested arrays could exhaust the stack: the
// DOM builder is wrapped to stop past kMaxPayloadDepth instead.
constexpr std::size_t kMaxPayloadDepth = 64;

class DepthLimitedSax {
 public:
  explicit DepthLimitedSax(Json& out) : dom_(out) {}
  bool null() { return dom_.null(); }
  bool boolean(bool v) { return dom_.boolean(v); }
  bool number_integer(Json::number_integer_t v) { return dom_.number_integer(v); }
  bool number_unsigned(Json::number_unsigned_t v) { return dom_.number_unsigned(v); }
  bool number_float(Json::number_float_t v, const Json::string_t& s) {
    return dom_.number_float(v, s);
  }
  bool string(Json::string_t& v) { return dom_.string(v); }
  bool binary(Json::binary_t& v) { return dom_.binary(v); }
  bool start_object(std::size_t n) { return ++depth_ <= kMaxPayloadDepth && dom_.start_object(n); }
  bool key(Json::string_t& v) { return dom_.key(v); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t n) { return ++depth_ <= kMaxPayloadDepth && dom_.start_array(n); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t at, const std::string& token, const Exception& ex) {
    return dom_.parse_error(at, token, ex);
  }
  bool too_deep() const noexcept { return depth_ > kMaxPayloadDepth; }

 private:
  nlohmann::detail::json_sax_dom_parser<Json> dom_;
  std::size_t depth_ = 0;
};

Json decode_payload(std::string_view packed) {
  Json out;
  DepthLimitedSax sax(out);
  try {
    if (!Json::sax_parse(packed.begin(), packed.end(), &sax, Json::input_format_t::msgpack)) {
      fail(ErrorKind::kError, sax.too_deep() ? "corrupt journal payload: nested too deeply"
                                             : "corrupt journal payload");
    }
  } catch (const nlohmann::json::exception& ex) {
    fail(ErrorKind::kError, std::string("corrupt journal payload: ") + ex.what());
  }
  return out;
}

Hash get_hash(Decoder& d) {
  const auto s = d.str_view();
  if (s.size() != 32) fail(ErrorKind::kError, "corrupt record: hash of wrong size");
  Hash h;
  std::copy(s.begin(), s.end(), reinterpret_cast<char*>(h.data()));
  return h;
}

}  // namespace

Bytes encode(const Customer& c) {
  Encoder e(kCustomerV);
  e.str(c.id).str(c.name).currency(c.currency).str(c.terms);
  e.boolean(c.credit_limit.has_value());
  if (c.credit_limit) e.i64(c.credit_limit->minor());
  e.str(c.email).u64(static_cast<std::uint64_t>(c.status));
  put_attrs(e, c.attrs);
  return std::move(e).bytes();
}

Customer decode_customer(BytesView v) {
  Decoder d(v, kCustomerV);
  Customer c;
  c.id = d.str();
  c.name = d.str();
  c.currency = d.currency();
  c.terms = d.str();
  if (d.boolean()) c.credit_limit = Money(d.i64(), c.currency);
  c.email = d.str();
  c.status = static_cast<CustomerStatus>(bounded(d.u64(), 1, 2, "customer status"));
  c.attrs = get_attrs(d);
  return c;
}

Bytes encode(const Document& doc) {
  Encoder e(kDocumentV);
  e.str(doc.id).u64(static_cast<std::uint64_t>(doc.kind)).str(doc.customer);
  e.date(doc.issued).date(doc.due).money(doc.amount).str(doc.ref).str(doc.memo);
  put_attrs(e, doc.attrs);
  put_attrs(e, doc.links);
  e.i64(doc.open.minor()).u64(static_cast<std::uint64_t>(doc.status)).u64(doc.posted_seq);
  return std::move(e).bytes();
}

Document decode_document(BytesView v) {
  Decoder d(v, kDocumentV);
  Document doc;
  doc.id = d.str();
  doc.kind = static_cast<DocKind>(bounded(d.u64(), 1, 8, "document kind"));
  doc.customer = d.str();
  doc.issued = d.date();
  doc.due = d.date();
  doc.amount = d.money();
  doc.ref = d.str();
  doc.memo = d.str();
  doc.attrs = get_attrs(d);
  doc.links = get_attrs(d);
  doc.open = Money(d.i64(), doc.amount.currency());
  doc.status = static_cast<DocStatus>(bounded(d.u64(), 1, 3, "document status"));
  doc.posted_seq = d.u64();
  return doc;
}

Bytes encode(const Application& a) {
  Encoder e(kApplicationV);
  e.u64(a.id).str(a.from).str(a.to).money(a.amount).date(a.date).str(a.reason);
  e.u64(a.reverses).u64(a.reversed_by).u64(a.seq);
  return std::move(e).bytes();
}

Application decode_application(BytesView v) {
  Decoder d(v, kApplicationV);
  Application a;
  a.id = d.u64();
  a.from = d.str();
  a.to = d.str();
  a.amount = d.money();
  a.date = d.date();
  a.reason = d.str();
  a.reverses = d.u64();
  a.reversed_by = d.u64();
  a.seq = d.u64();
  return a;
}

Bytes encode(const CustomerBalance& b) {
  Encoder e(kBalanceV);
  e.money(b.receivable).i64(b.unapplied.minor()).u64(b.open_items);
  return std::move(e).bytes();
}

CustomerBalance decode_balance(BytesView v) {
  Decoder d(v, kBalanceV);
  CustomerBalance b;
  b.receivable = d.money();
  b.unapplied = Money(d.i64(), b.receivable.currency());
  b.open_items = d.u64();
  return b;
}

Encoder journal_hashed_part(const JournalEntry& j) {
  Encoder e(kJournalV);
  e.u64(j.seq).u64(j.txn).i64(j.time_micros).str(j.actor).str(j.command).str(j.type);
  thread_local std::string packed;
  packed.clear();
  append_msgpack(j.payload, packed);
  e.str(packed);
  return e;
}

Bytes encode(const JournalEntry& j) {
  auto e = journal_hashed_part(j);
  put_hash(e, j.prev);
  put_hash(e, j.hash);
  return std::move(e).bytes();
}

Bytes encode_and_hash(JournalEntry& j) {
  auto e = journal_hashed_part(j);
  j.hash = chain_hash(j.prev, e.bytes());
  put_hash(e, j.prev);
  put_hash(e, j.hash);
  return std::move(e).bytes();
}

JournalEntry decode_journal(BytesView v) {
  Decoder d(v, kJournalV);
  JournalEntry j;
  j.seq = d.u64();
  j.txn = d.u64();
  j.time_micros = d.i64();
  j.actor = d.str();
  j.command = d.str();
  j.type = d.str();
  j.payload = decode_payload(d.str_view());
  j.prev = get_hash(d);
  j.hash = get_hash(d);
  return j;
}

Bytes encode(const JournalHead& h) {
  Encoder e(kHeadV);
  e.u64(h.seq);
  put_hash(e, h.hash);
  return std::move(e).bytes();
}

JournalHead decode_head(BytesView v) {
  Decoder d(v, kHeadV);
  JournalHead h;
  h.seq = d.u64();
  h.hash = get_hash(d);
  return h;
}

Bytes doc_by_customer_key(const Document& d) {
  return KeyBuilder().str(d.customer).date(d.issued).str(d.id).bytes();
}

Bytes open_item_key(const Document& d) {
  return KeyBuilder().str(d.customer).u8(is_debit(d.kind) ? 0 : 1).date(d.due).str(d.id).bytes();
}

Bytes open_item_prefix(std::string_view customer, int side) {
  KeyBuilder k;
  k.str(customer);
  if (side >= 0) k.u8(static_cast<std::uint8_t>(side));
  return std::move(k).bytes();
}

Bytes open_item_value(const Document& d) {
  Encoder e(kOpenItemV);
  e.u64(static_cast<std::uint64_t>(d.kind)).date(d.issued).money(d.open);
  const auto dd = d.attrs.find("discount_date");
  const auto date = dd == d.attrs.end() ? std::nullopt : try_parse_date(dd->second);
  e.boolean(date.has_value());
  if (date) e.date(*date);
  return std::move(e).bytes();
}

Bytes open_item_value_v1(BytesView current) {
  Decoder d(current, kOpenItemV);
  Encoder e(1);
  const auto kind = d.u64();
  const auto issued = d.date();
  e.u64(kind).date(issued).money(d.money());
  return std::move(e).bytes();
}

OpenItem decode_open_item(BytesView key, BytesView value) {
  OpenItem it;
  KeyReader k(key);
  it.customer = k.str();
  k.u8();
  it.due = k.date();
  it.id = k.str();
  Decoder d(value, kOpenItemV);
  it.kind = static_cast<DocKind>(bounded(d.u64(), 1, 8, "document kind"));
  it.issued = d.date();
  it.open = d.money();
  if (d.version() >= 2) {
    it.discount_known = true;
    if (d.boolean()) it.discount_date = d.date();
  }
  return it;
}

Bytes doc_by_ref_key(const Document& d) {
  return KeyBuilder().str(d.ref).str(d.id).bytes();
}

Bytes app_by_doc_key(std::string_view doc, std::uint64_t app) {
  return KeyBuilder().str(doc).u64(app).bytes();
}

}  // namespace arctl::records
