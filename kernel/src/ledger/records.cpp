// Binary encodings of kernel records and index entries. Version 1 of each.
#include "ledger/records.hpp"

#include "arctl/error.hpp"
#include "arctl/record.hpp"

namespace arctl::records {
namespace {

constexpr std::uint8_t kCustomerV = 1;
constexpr std::uint8_t kDocumentV = 1;
constexpr std::uint8_t kApplicationV = 1;
constexpr std::uint8_t kBalanceV = 1;
constexpr std::uint8_t kJournalV = 1;
constexpr std::uint8_t kHeadV = 1;
constexpr std::uint8_t kOpenItemV = 2;  // 2 adds the discount date
constexpr std::uint8_t kChangeV = 1;

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

// A credit limit is stored as a flag and, when set, minor units in the
// customer's currency.
struct CreditLimitField {
  void put(Encoder& e, const Customer& c) const {
    e.boolean(c.credit_limit.has_value());
    if (c.credit_limit) e.i64(c.credit_limit->minor());
  }
  void get(Decoder& d, Customer& c) const {
    if (d.boolean()) c.credit_limit = Money(d.i64(), c.currency);
  }
};

using record::field;
using record::field_as;
using record::minor_in;

const auto kCustomer = record::layout<Customer>(
    kCustomerV, field("id", &Customer::id), field("name", &Customer::name),
    field("currency", &Customer::currency), field("terms", &Customer::terms), CreditLimitField{},
    field("email", &Customer::email),
    field_as<record::Enum<CustomerStatus, 1, 2, "customer status">>("status", &Customer::status),
    field("attrs", &Customer::attrs));

const auto kDocument = record::layout<Document>(
    kDocumentV, field("id", &Document::id),
    field_as<record::Enum<DocKind, 1, 8, "document kind">>("kind", &Document::kind),
    field("customer", &Document::customer), field("issued", &Document::issued),
    field("due", &Document::due), field("amount", &Document::amount), field("ref", &Document::ref),
    field("memo", &Document::memo), field("attrs", &Document::attrs),
    field("links", &Document::links), minor_in("open", &Document::open, &Document::amount),
    field_as<record::Enum<DocStatus, 1, 3, "document status">>("status", &Document::status),
    field("posted_seq", &Document::posted_seq));

const auto kApplication = record::layout<Application>(
    kApplicationV, field("id", &Application::id), field("from", &Application::from),
    field("to", &Application::to), field("amount", &Application::amount),
    field("date", &Application::date), field("reason", &Application::reason),
    field("reverses", &Application::reverses), field("reversed_by", &Application::reversed_by),
    field("seq", &Application::seq));

const auto kBalance = record::layout<CustomerBalance>(
    kBalanceV, field("receivable", &CustomerBalance::receivable),
    minor_in("unapplied", &CustomerBalance::unapplied, &CustomerBalance::receivable),
    field("open_items", &CustomerBalance::open_items));

}  // namespace

Bytes encode(const Customer& c) {
  return kCustomer.encode(c);
}
Customer decode_customer(BytesView v) {
  return kCustomer.decode(v);
}

Bytes encode(const Document& d) {
  return kDocument.encode(d);
}
Document decode_document(BytesView v) {
  return kDocument.decode(v);
}

Bytes encode(const Application& a) {
  return kApplication.encode(a);
}
Application decode_application(BytesView v) {
  return kApplication.decode(v);
}

Bytes encode(const CustomerBalance& b) {
  return kBalance.encode(b);
}
CustomerBalance decode_balance(BytesView v) {
  return kBalance.decode(v);
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
  it.kind = record::Enum<DocKind, 1, 8, "document kind">::get(d);
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

Bytes change_key(Date date, std::string_view doc, std::uint64_t app) {
  return KeyBuilder().date(date).str(doc).u64(app).bytes();
}

Bytes change_value(Date issued, std::int64_t effect) {
  return Encoder(kChangeV).date(issued).i64(effect).bytes();
}

DatedChange decode_change(BytesView key, BytesView value) {
  DatedChange c;
  KeyReader k(key);
  c.date = k.date();
  c.document = k.str();
  c.application = k.u64();
  Decoder d(value, kChangeV);
  c.issued = d.date();
  c.effect = d.i64();
  return c;
}

}  // namespace arctl::records
