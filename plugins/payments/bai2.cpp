// BAI2 (cash management balance reporting) reader: the type 16 credit details
// of every account, with 88 continuations folded in, and every record count
// and control total in the 49/98/99 trailers checked.
#include <algorithm>
#include <charconv>
#include <istream>
#include <map>
#include <string_view>

#include "arctl/text.hpp"
#include "bank.hpp"

namespace arctl::payments {
namespace {

constexpr std::string_view kSpace = " \t\r\n\f\v";

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

std::string_view rtrim(std::string_view s) {
  const auto e = s.find_last_not_of(kSpace);
  return e == std::string_view::npos ? std::string_view{} : s.substr(0, e + 1);
}

bool is_record_start(std::string_view s, std::size_t at) {
  if (at + 3 > s.size() || s[at + 2] != ',') return false;
  const auto code = s.substr(at, 2);
  for (std::string_view known : {"01", "02", "03", "16", "49", "88", "98", "99"})
    if (code == known) return true;
  return false;
}

struct RawRecord {
  std::string code;
  std::string body;  // the fields after "NN,", without the '/' terminator
  std::uint64_t line = 0;
  std::uint64_t number = 0;  // 1-based position among the file's records
};

// Physical lines joined into runs that each begin with a record code. A line
// that does not begin with one is the rest of a record wrapped at a fixed
// width, so it is joined with nothing in between.
struct Chunk {
  std::string text;
  std::vector<std::pair<std::size_t, std::uint64_t>> starts;  // offset, physical line
  std::uint64_t line_at(std::size_t offset) const {
    std::uint64_t line = starts.front().second;
    for (const auto& [at, l] : starts)
      if (at <= offset) line = l;
    return line;
  }
};

// Splits the input into records. Records end with '/', several may share a
// line, and newline-delimited files may omit the '/'. The text field of a 16
// record (and of its 88 continuations) may itself contain '/', so there a '/'
// ends the record only when another record code follows it.
std::vector<RawRecord> split_records(std::istream& in, const std::string& source) {
  std::vector<Chunk> chunks;
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto text = rtrim(line);
    if (trim(text).empty()) continue;
    const auto lead = trim(text);
    if (chunks.empty() || is_record_start(lead, 0)) {
      chunks.push_back({std::string(lead), {{0, number}}});
      continue;
    }
    auto& c = chunks.back();
    c.starts.emplace_back(c.text.size(), number);
    c.text += text;
  }

  std::vector<RawRecord> records;
  std::string owner;  // code of the last record that is not an 88
  for (const auto& chunk : chunks) {
    const std::string_view s = chunk.text;
    std::size_t pos = 0;
    while (true) {
      pos = s.find_first_not_of(kSpace, pos);
      if (pos == std::string_view::npos) break;
      if (!is_record_start(s, pos)) {
        const auto excerpt = std::string(s.substr(pos, 20));
        fail_conflict(
            "expected a BAI2 record (01, 02, 03, 16, 49, 88, 98 or 99) at '" + excerpt + "'",
            {source, chunk.line_at(pos), {}});
      }
      RawRecord r{std::string(s.substr(pos, 2)), {}, chunk.line_at(pos), records.size() + 1};
      const auto start = pos + 3;
      const bool has_text = r.code == "16" || (r.code == "88" && owner == "16");
      std::size_t end = std::string_view::npos;
      if (!has_text) {
        end = s.find('/', start);
      } else {
        for (auto slash = s.find('/', start); slash != std::string_view::npos;
             slash = s.find('/', slash + 1)) {
          const auto after = s.find_first_not_of(kSpace, slash + 1);
          if (after != std::string_view::npos && is_record_start(s, after)) {
            end = slash;
            break;
          }
        }
      }
      std::string_view body = s.substr(start, end == std::string_view::npos ? s.npos : end - start);
      if (end == std::string_view::npos) {
        body = rtrim(body);
        if (!body.empty() && body.back() == '/') body = rtrim(body.substr(0, body.size() - 1));
        pos = s.size();
      } else {
        body = rtrim(body);
        pos = end + 1;
      }
      r.body = std::string(body);
      if (r.code != "88") owner = r.code;
      records.push_back(std::move(r));
    }
  }
  return records;
}

std::vector<std::string_view> split_fields(std::string_view body) {
  std::vector<std::string_view> out;
  while (true) {
    const auto comma = body.find(',');
    out.push_back(trim(body.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  return out;
}

std::string_view field(const std::vector<std::string_view>& f, std::size_t i) {
  return i < f.size() ? f[i] : std::string_view{};
}

// Reads comma-separated fields one at a time and knows whether any remain,
// which tells a 16 record that stopped early from one with an empty text.
class FieldCursor {
 public:
  explicit FieldCursor(std::string_view s) : rest_(s) {}
  bool done() const { return !rest_; }
  std::string_view take() {
    if (!rest_) return {};
    const auto comma = rest_->find(',');
    const auto f = rest_->substr(0, comma);
    if (comma == std::string_view::npos)
      rest_.reset();
    else
      rest_ = rest_->substr(comma + 1);
    return trim(f);
  }
  std::string_view rest() const { return rest_ ? *rest_ : std::string_view{}; }

 private:
  std::optional<std::string_view> rest_;
};

// An integer field; amounts are minor units, so no decimal point is allowed.
std::int64_t integer(std::string_view text, bool signed_ok, const Location& where,
                     const std::string& what) {
  std::string_view digits = trim(text);
  bool negative = false;
  if (signed_ok && !digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  } else if (!digits.empty() && digits[0] == '+') {
    digits.remove_prefix(1);
  }
  const bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!all_digits)
    fail_conflict(what + " '" + std::string(text) + "' is not " +
                      (signed_ok ? "an integer" : "an unsigned integer"),
                  where);
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || ptr != digits.data() + digits.size())
    fail_conflict(what + " '" + std::string(text) + "' is out of range", where);
  return negative ? -value : value;
}

// YYMMDD; years 00-69 are 20xx and 70-99 are 19xx, as the specification says.
Date yymmdd(std::string_view text, const Location& where, const std::string& what) {
  const auto t = trim(text);
  if (t.size() != 6 ||
      !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail_conflict(what + " '" + std::string(text) + "' is not a YYMMDD date", where);
  const int yy = (t[0] - '0') * 10 + (t[1] - '0');
  const auto mm = static_cast<unsigned>((t[2] - '0') * 10 + (t[3] - '0'));
  const auto dd = static_cast<unsigned>((t[4] - '0') * 10 + (t[5] - '0'));
  try {
    return make_date(yy < 70 ? 2000 + yy : 1900 + yy, mm, dd);
  } catch (const Error&) {
    fail_conflict(what + " '" + std::string(text) + "' is not a valid date", where);
  }
}

// How many fields follow a funds type: S carries three availability amounts,
// V a value date and time, D a count and that many day/amount pairs.
std::size_t funds_fields(std::string_view type, std::string_view count, const Location& where) {
  if (type.empty() || type == "0" || type == "1" || type == "2" || type == "Z") return 0;
  if (type == "S") return 3;
  if (type == "V") return 2;
  if (type == "D") {
    const auto n = count.empty() ? 0 : integer(count, false, where, "distribution count");
    if (n > 1000) fail_conflict("distribution count " + std::to_string(n) + " is too large", where);
    return 1 + 2 * static_cast<std::size_t>(n);
  }
  fail_conflict("unknown funds type '" + std::string(type) + "'", where);
}

struct Detail {
  std::string_view type_code, amount, value_date, bank_ref, customer_ref, text;
  bool has_text = false;  // false when the record stopped before its text field
};

Detail split_detail(std::string_view body, const Location& where) {
  FieldCursor c(body);
  Detail d;
  d.type_code = c.take();
  d.amount = c.take();
  const auto funds = c.take();
  if (funds == "D") {
    const auto n = funds_fields(funds, c.take(), where) - 1;
    for (std::size_t i = 0; i < n && !c.done(); ++i)
      c.take();
  } else {
    const auto n = funds_fields(funds, {}, where);
    if (funds == "V") d.value_date = c.take();
    for (std::size_t i = funds == "V" ? 1 : 0; i < n && !c.done(); ++i)
      c.take();
  }
  d.bank_ref = c.take();
  d.customer_ref = c.take();
  d.has_text = !c.done();
  d.text = c.rest();
  return d;
}

// The method when the type code says it plainly; otherwise none.
std::string method_for(int code) {
  if (code == 191 || code == 195 || code == 196 || code == 208) return "wire";
  if (code == 142 || code == 143 || code == 145 || (code >= 162 && code <= 169)) return "ach";
  if (code == 115 || code == 116 || code == 118 || code == 175 || code == 176) return "check";
  if (code == 147) return "card";
  return {};
}

class Bai2Reader {
 public:
  explicit Bai2Reader(std::string source) : source_(std::move(source)) {}

  void add(const RawRecord& head, const std::vector<RawRecord>& more) {
    const auto n = 1 + more.size();
    line_ = head.line;
    if (done_) fail_conflict("record after the 99 file trailer", at());
    if (!file_open_ && head.code != "01")
      fail_conflict("the file does not begin with a 01 file header", at());
    // Continuations of any record but a 16 simply carry on its fields.
    std::string body = head.body;
    if (head.code != "16")
      for (const auto& m : more)
        body += "," + m.body;
    const auto f = split_fields(body);

    if (head.code == "01") {
      open_file(f);
      count(n);
    } else if (head.code == "02") {
      open_group(f);
      count(n);
    } else if (head.code == "03") {
      open_account(f);
      count(n);
    } else if (head.code == "16") {
      detail(head, more);
      count(n);
    } else if (head.code == "49") {
      count(n);
      close_account(f);
    } else if (head.code == "98") {
      count(n);
      close_group(f);
    } else if (head.code == "99") {
      count(n);
      close_file(f);
    } else {
      fail_conflict("continuation record 88 with no record before it to continue", at());
    }
  }

  std::vector<BankCredit> finish(std::uint64_t last_line) {
    line_ = last_line;
    if (!file_open_) fail_conflict("empty file: no BAI2 records", at());
    if (!done_) fail_conflict("the file ends without its 99 file trailer (truncated?)", at());
    return std::move(credits_);
  }

 private:
  Location at(std::string field = {}) const { return {source_, line_, std::move(field)}; }

  // Running totals: a sum past the int64 range is a file no bank wrote, so it
  // is refused as bad input at the record that overflowed.
  void add_to(std::int64_t& total, std::int64_t amount) {
    if (__builtin_add_overflow(total, amount, &total))
      fail_conflict("amounts add up to more than a control total can hold", at());
  }

  void count(std::size_t n) {
    file_records_ += n;
    if (group_open_) group_records_ += n;
    if (account_open_) account_records_ += n;
  }

  void check_count(std::string_view text, std::uint64_t found, const std::string& what) {
    if (text.empty()) fail_conflict(what + " has no record count", at());
    const auto stated = integer(text, false, at(), "record count");
    if (static_cast<std::uint64_t>(stated) != found)
      fail_conflict(what + " counts " + std::to_string(stated) + " records, but there are " +
                        std::to_string(found),
                    at());
  }

  void check_total(std::string_view text, std::int64_t found, const std::string& what) {
    if (text.empty()) return;
    const auto stated = integer(text, true, at(), "control total");
    if (stated != found)
      fail_conflict(what + " states a control total of " + std::to_string(stated) +
                        ", but the amounts add up to " + std::to_string(found),
                    at());
  }

  void check_number(std::string_view text, std::uint64_t found, const std::string& what,
                    const std::string& of) {
    if (text.empty()) return;
    const auto stated = integer(text, false, at(), "number of " + of);
    if (static_cast<std::uint64_t>(stated) != found)
      fail_conflict(what + " counts " + std::to_string(stated) + " " + of + ", but there are " +
                        std::to_string(found),
                    at());
  }

  void open_file(const std::vector<std::string_view>& f) {
    if (file_open_) fail_conflict("a second 01 file header", at());
    const auto version = field(f, 7);
    if (!version.empty() && version != "2")
      fail_conflict("BAI version " + std::string(version) + " is not supported (only version 2)",
                    at());
    if (field(f, 4).empty()) fail_conflict("the 01 file header has no file identification", at());
    yymmdd(field(f, 2), at(), "file creation date");
    // The file id number restarts every day, so the creation date goes with it.
    file_id_ = std::string(field(f, 2)) + "-" + std::string(field(f, 4));
    file_open_ = true;
  }

  void open_group(const std::vector<std::string_view>& f) {
    if (group_open_)
      fail_conflict("02 group header before the 98 trailer of the group before", at());
    as_of_ = yymmdd(field(f, 3), at(), "as-of date");
    const auto ccy = field(f, 5);
    try {
      group_currency_ = Currency::parse(ccy.empty() ? "USD" : ccy);
    } catch (const Error& e) {
      throw e.located(at("currency"));
    }
    group_open_ = true;
    ++groups_;
    accounts_ = 0;
    group_records_ = 0;
    group_total_ = 0;
  }

  void open_account(const std::vector<std::string_view>& f) {
    if (!group_open_) fail_conflict("03 account record outside a group (no 02 header)", at());
    if (account_open_)
      fail_conflict("03 account record before the 49 trailer of account " + account_, at());
    account_ = std::string(field(f, 0));
    if (account_.empty()) fail_conflict("03 account record has no account number", at());
    const auto ccy = field(f, 1);
    try {
      currency_ = ccy.empty() ? group_currency_ : Currency::parse(ccy);
    } catch (const Error& e) {
      throw e.located(at("currency"));
    }
    account_open_ = true;
    ++accounts_;
    account_records_ = 0;
    account_total_ = 0;
    // Summaries: type code, amount, item count, funds type and its fields.
    for (std::size_t i = 2; i < f.size();) {
      const auto amount = field(f, i + 1);
      if (!amount.empty()) add_to(account_total_, integer(amount, true, at(), "amount"));
      i += 4 + funds_fields(field(f, i + 3), field(f, i + 4), at());
    }
  }

  void detail(const RawRecord& head, const std::vector<RawRecord>& more) {
    if (!account_open_) fail_conflict("16 detail record outside an account (no 03 record)", at());
    // The fields run on into the 88s until the text field starts; after
    // that, each continuation is more text.
    std::string body = head.body;
    std::size_t used = 0;
    auto d = split_detail(body, at());
    while (!d.has_text && used < more.size()) {
      body += "," + more[used++].body;
      d = split_detail(body, at());
    }
    const auto code = static_cast<int>(integer(d.type_code, false, at("type code"), "type code"));
    const auto minor = d.amount.empty() ? 0 : integer(d.amount, false, at("amount"), "amount");
    add_to(account_total_, minor);
    // 100-399 are credits; debits (400-699), loans and custom codes are not
    // money received, and a zero amount is nothing received.
    if (code < 100 || code > 399 || minor == 0) return;

    BankCredit c;
    c.amount = Money(minor, currency_);
    c.booked = as_of_;
    if (!d.value_date.empty()) c.value_date = yymmdd(d.value_date, at("value date"), "value date");
    text::append_folded(c.remittance, d.text);
    for (std::size_t i = used; i < more.size(); ++i)
      text::append_folded(c.remittance, more[i].body);
    c.entry_ref = std::string(!d.bank_ref.empty() ? d.bank_ref : d.customer_ref);
    // The record's number in the file, not its physical line: several
    // records may share a line, and rewrapping a file must not change it.
    if (c.entry_ref.empty())
      c.entry_ref = file_id_ + ":" + std::to_string(groups_) + ":" + account_ + ":" +
                    std::to_string(head.number);
    c.account = account_;
    c.method = method_for(code);
    c.where = {source_, head.line, {}};
    credits_.push_back(std::move(c));
  }

  void close_account(const std::vector<std::string_view>& f) {
    if (!account_open_) fail_conflict("49 account trailer with no account open", at());
    const auto what = "49 trailer of account " + account_;
    check_total(field(f, 0), account_total_, what);
    check_count(field(f, 1), account_records_, what);
    add_to(group_total_, account_total_);
    account_open_ = false;
  }

  void close_group(const std::vector<std::string_view>& f) {
    if (!group_open_) fail_conflict("98 group trailer with no group open", at());
    if (account_open_)
      fail_conflict("98 group trailer before the 49 trailer of account " + account_, at());
    const std::string what = "98 group trailer";
    check_total(field(f, 0), group_total_, what);
    check_number(field(f, 1), accounts_, what, "accounts");
    check_count(field(f, 2), group_records_, what);
    add_to(file_total_, group_total_);
    group_open_ = false;
  }

  void close_file(const std::vector<std::string_view>& f) {
    if (group_open_) fail_conflict("99 file trailer before the 98 trailer of the last group", at());
    const std::string what = "99 file trailer";
    check_total(field(f, 0), file_total_, what);
    check_number(field(f, 1), groups_, what, "groups");
    check_count(field(f, 2), file_records_, what);
    done_ = true;
  }

  std::string source_;
  std::uint64_t line_ = 0;
  bool file_open_ = false, group_open_ = false, account_open_ = false, done_ = false;
  std::string file_id_;
  Date as_of_{};
  Currency group_currency_, currency_;
  std::string account_;
  std::uint64_t groups_ = 0, accounts_ = 0;
  std::uint64_t file_records_ = 0, group_records_ = 0, account_records_ = 0;
  std::int64_t file_total_ = 0, group_total_ = 0, account_total_ = 0;
  std::vector<BankCredit> credits_;
};

}  // namespace

std::vector<BankCredit> read_bai2(Input& in) {
  const auto records = split_records(in.stream(), in.name());
  Bai2Reader reader(in.name());
  for (std::size_t i = 0; i < records.size();) {
    std::size_t j = i + 1;
    std::vector<RawRecord> more;
    while (j < records.size() && records[j].code == "88")
      more.push_back(records[j++]);
    reader.add(records[i], more);
    i = j;
  }
  auto credits = reader.finish(records.empty() ? 0 : records.back().line);

  // Two credits under one reference would be imported as one: refuse that.
  std::map<std::string, std::uint64_t> seen;
  for (const auto& c : credits) {
    const auto [it, fresh] = seen.emplace(c.entry_ref, c.where.line);
    if (!fresh)
      fail_conflict("entry reference '" + c.entry_ref + "' is also used on line " +
                        std::to_string(it->second),
                    c.where);
  }
  return credits;
}

}  // namespace arctl::payments
