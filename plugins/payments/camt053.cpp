// CAMT.053 (ISO 20022 bank-to-customer statement) reader: the booked credit
// entries of every statement, each located by its element path; a batch entry
// (two or more TxDtls) is split into one credit per transaction detail.
// Documents with a DOCTYPE are refused before parsing, so no entity is ever
// expanded.
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string_view>

#include "arctl/text.hpp"
#include "bank.hpp"

namespace arctl::payments {
namespace {

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
constexpr std::array<std::string_view, 7> kVersions = {"02", "03", "04", "05", "06", "07", "08"};

std::string_view local_name(const pugi::xml_node& n) {
  const std::string_view name = n.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (const auto& c : n.children())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

pugi::xml_node descend(pugi::xml_node n, std::initializer_list<std::string_view> path) {
  for (auto name : path) {
    if (!n) break;
    n = child(n, name);
  }
  return n;
}

// The element's text with runs of whitespace and control characters folded to
// one space: statements indent and wrap free text, the ledger wants one line.
std::string text_of(const pugi::xml_node& n) {
  std::string raw;
  for (const auto& c : n.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) raw += c.value();
  return text::fold_whitespace(raw);
}

// Every `name` element whose parent is a `parent` element below `root`, in
// document order. Iterative: deeply nested input cannot exhaust the stack.
std::vector<pugi::xml_node> collect(const pugi::xml_node& root, std::string_view parent,
                                    std::string_view name) {
  std::vector<pugi::xml_node> out;
  auto n = root.first_child();
  while (n && n != root) {
    if (n.type() == pugi::node_element && local_name(n) == name && local_name(n.parent()) == parent)
      out.push_back(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != root && !n.next_sibling())
      n = n.parent();
    if (n != root) n = n.next_sibling();
  }
  return out;
}

// The method when the bank transaction code says it plainly; otherwise none.
std::string method_of(const pugi::xml_node& bktxcd) {
  const auto family = descend(bktxcd, {"Domn", "Fmly"});
  const auto fam = text_of(child(family, "Cd"));
  const auto sub = text_of(child(family, "SubFmlyCd"));
  if (fam == "RCHQ" || sub == "CCHQ" || sub == "BCHQ" || sub == "CDIS") return "check";
  if (fam == "CCRD" || fam == "RCCN") return "card";
  if (sub == "CDPT" || fam == "CNTR") return "cash";
  if (fam == "RCDT") {
    if (sub == "ACDT" || sub == "ASET" || sub == "ESCT") return "ach";
    if (sub == "DMCT" || sub == "XBCT" || sub == "PRCT" || sub == "SDVA") return "wire";
  }
  return {};
}

class StatementReader {
 public:
  StatementReader(std::string source, const std::string& bytes) : source_(std::move(source)) {
    for (std::size_t i = 0; i < bytes.size(); ++i)
      if (bytes[i] == '\n') newlines_.push_back(i);
  }

  Location where(std::ptrdiff_t offset, std::string field = {}) const {
    std::uint64_t line = 0;
    if (offset >= 0) {
      const auto it =
          std::lower_bound(newlines_.begin(), newlines_.end(), static_cast<std::size_t>(offset));
      line = static_cast<std::uint64_t>(it - newlines_.begin()) + 1;
    }
    return {source_, line, std::move(field)};
  }
  Location where(const pugi::xml_node& n, std::string field) const {
    return where(n ? n.offset_debug() : -1, std::move(field));
  }

  [[noreturn]] void fail_at(const pugi::xml_node& n, const std::string& path,
                            const std::string& message) const {
    fail_conflict(message, where(n, path));
  }

  // Runs `parse`, giving any arctl::Error it throws the element's location.
  template <typename F>
  auto located(const pugi::xml_node& n, const std::string& path, F&& parse) const {
    try {
      return parse();
    } catch (const Error& e) {
      throw e.located(where(n, path));
    }
  }

  std::optional<Date> date_in(const pugi::xml_node& parent, const std::string& path) const {
    auto node = child(parent, "Dt");
    std::string sub = "Dt";
    if (!node) {
      node = child(parent, "DtTm");
      sub = "DtTm";
    }
    if (!node) return std::nullopt;
    auto text = text_of(node);
    // A DtTm is "YYYY-MM-DDThh:mm:ss...": the booking day is its date part.
    if (sub == "DtTm" && text.size() > 10 && text[10] == 'T') text.resize(10);
    return located(node, path + "/" + sub, [&] { return parse_date(text); });
  }

  void read_statement(const pugi::xml_node& stmt, const std::string& path,
                      std::vector<BankCredit>& out) {
    const auto acct_id = descend(stmt, {"Acct", "Id"});
    account_ = text_of(child(acct_id, "IBAN"));
    if (account_.empty()) account_ = text_of(descend(acct_id, {"Othr", "Id"}));
    stmt_id_ = text_of(child(stmt, "Id"));
    std::size_t index = 0;
    for (const auto& n : stmt.children()) {
      if (n.type() != pugi::node_element || local_name(n) != "Ntry") continue;
      read_entry(n, path + "/Ntry[" + std::to_string(++index) + "]", out);
    }
  }

 private:
  // A <TxDtls> element with its element path.
  struct Detail {
    pugi::xml_node node;
    std::string path;
  };

  void read_entry(const pugi::xml_node& ntry, const std::string& path,
                  std::vector<BankCredit>& out) const {
    const auto ind_node = child(ntry, "CdtDbtInd");
    const auto ind = text_of(ind_node);
    if (ind == "DBIT") return;
    if (ind != "CRDT")
      fail_at(ind_node ? ind_node : ntry, path + "/CdtDbtInd",
              ind.empty() ? "entry has no credit/debit indicator"
                          : "credit/debit indicator '" + ind + "' is neither CRDT nor DBIT");
    const auto reversal = text_of(child(ntry, "RvslInd"));
    if (reversal == "true" || reversal == "1") return;
    // Pending and information-only entries are not money on the account yet.
    auto status = text_of(child(ntry, "Sts"));
    if (status.empty()) status = text_of(descend(ntry, {"Sts", "Cd"}));
    if (status == "PDNG" || status == "INFO") return;

    BankCredit c;
    const auto amt = child(ntry, "Amt");
    if (!amt) fail_at(ntry, path + "/Amt", "entry has no amount");
    c.amount = located(amt, path + "/Amt", [&] {
      return Money::parse(text_of(amt), Currency::parse(amt.attribute("Ccy").value()));
    });
    if (c.amount.is_negative()) fail_at(amt, path + "/Amt", "a credit amount must not be negative");
    if (c.amount.is_zero()) return;  // nothing was received

    const auto booking = child(ntry, "BookgDt");
    const auto booked = date_in(booking, path + "/BookgDt");
    if (!booked) fail_at(booking ? booking : ntry, path + "/BookgDt", "entry has no booking date");
    c.booked = *booked;
    c.value_date = date_in(child(ntry, "ValDt"), path + "/ValDt");
    c.account = account_;

    const auto all = details_of(ntry, path);
    if (all.size() >= 2) {
      read_batch(ntry, path, c, all, out);
      return;
    }
    out.push_back(read_single(ntry, path, std::move(c)));
  }

  // Every <TxDtls> of the entry, across all its <NtryDtls>.
  static std::vector<Detail> details_of(const pugi::xml_node& ntry, const std::string& path) {
    std::vector<pugi::xml_node> groups;
    for (const auto& n : ntry.children())
      if (n.type() == pugi::node_element && local_name(n) == "NtryDtls") groups.push_back(n);
    std::vector<Detail> out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto group_path =
          path + (groups.size() == 1 ? "/NtryDtls" : "/NtryDtls[" + std::to_string(g + 1) + "]");
      std::size_t i = 0;
      for (const auto& tx : groups[g].children())
        if (tx.type() == pugi::node_element && local_name(tx) == "TxDtls")
          out.push_back({tx, group_path + "/TxDtls[" + std::to_string(++i) + "]"});
    }
    return out;
  }

  static std::string debtor_of(const pugi::xml_node& tx) {
    const auto debtor = descend(tx, {"RltdPties", "Dbtr"});
    auto name = text_of(child(debtor, "Nm"));
    // camt.053.001.08 wraps the party: Dbtr/Pty/Nm.
    if (name.empty()) name = text_of(descend(debtor, {"Pty", "Nm"}));
    return name;
  }

  static std::string remittance_of(const pugi::xml_node& n) {
    std::string out;
    for (const auto& u : collect(n, "RmtInf", "Ustrd")) {
      const auto t = text_of(u);
      if (t.empty()) continue;
      if (!out.empty()) out += ' ';
      out += t;
    }
    return out;
  }

  // An entry with no or one transaction detail: one credit for the entry.
  BankCredit read_single(const pugi::xml_node& ntry, const std::string& path, BankCredit c) const {
    const auto details = child(ntry, "NtryDtls");
    const auto first_tx = child(details, "TxDtls");
    c.entry_ref = entry_ref(ntry, first_tx, path);
    c.remittance = remittance_of(ntry);
    for (const auto& tx : details.children()) {
      if (tx.type() != pugi::node_element || local_name(tx) != "TxDtls") continue;
      c.debtor = debtor_of(tx);
      if (!c.debtor.empty()) break;
    }
    c.method = method_of(child(ntry, "BkTxCd"));
    if (c.method.empty()) c.method = method_of(child(first_tx, "BkTxCd"));
    c.check_no = text_of(descend(first_tx, {"Refs", "ChqNb"}));
    c.where = where(ntry, path);
    return c;
  }

  // A batch entry: one credit per detail, with the detail's own amount,
  // payer, text, cheque number and method, and the entry's dates. The details
  // must add up to the entry exactly; nothing is ever apportioned by guess.
  void read_batch(const pugi::xml_node& ntry, const std::string& path, const BankCredit& entry,
                  const std::vector<Detail>& details, std::vector<BankCredit>& out) const {
    const auto ref = entry_ref(ntry, pugi::xml_node(), path, true);
    const auto keys = detail_keys(details);
    const auto entry_method = method_of(child(ntry, "BkTxCd"));
    auto sum = Money::zero(entry.amount.currency());
    for (std::size_t i = 0; i < details.size(); ++i) {
      const auto& [tx, tx_path] = details[i];
      const auto ind = text_of(child(tx, "CdtDbtInd"));
      if (ind == "DBIT")
        fail_at(child(tx, "CdtDbtInd"), tx_path + "/CdtDbtInd",
                "a debit detail inside a credit entry cannot be imported as a receipt");
      BankCredit c = entry;
      c.amount = detail_amount(tx, tx_path, entry.amount);
      sum = located(tx, tx_path, [&] { return sum + c.amount; });
      c.entry_ref = ref + "/" + keys[i];
      c.remittance = remittance_of(tx);
      c.debtor = debtor_of(tx);
      c.method = method_of(child(tx, "BkTxCd"));
      if (c.method.empty()) c.method = entry_method;
      c.check_no = text_of(descend(tx, {"Refs", "ChqNb"}));
      c.where = where(tx, tx_path);
      out.push_back(std::move(c));
    }
    if (!(sum == entry.amount)) {
      const auto group = details.front().node.parent();
      const auto group_path = details.front().path.substr(0, details.front().path.rfind('/'));
      fail_at(group, group_path,
              "the entry's " + std::to_string(details.size()) + " transaction details add up to " +
                  sum.str() + " " + std::string(sum.currency().code()) + ", not the entry amount " +
                  entry.amount.str() + " " + std::string(entry.amount.currency().code()));
    }
  }

  // A detail's amount: AmtDtls/TxAmt/Amt, else Amt (camt.053.001.08), in the
  // entry's currency and positive.
  Money detail_amount(const pugi::xml_node& tx, const std::string& tx_path,
                      const Money& entry_amount) const {
    auto amt = descend(tx, {"AmtDtls", "TxAmt", "Amt"});
    auto amt_path = tx_path + "/AmtDtls/TxAmt/Amt";
    if (!amt) {
      amt = child(tx, "Amt");
      amt_path = tx_path + "/Amt";
    }
    if (!amt)
      fail_at(tx, amt_path,
              "a transaction detail of a batch entry has no amount (AmtDtls/TxAmt/Amt or Amt), "
              "so the entry's " +
                  entry_amount.str() + " cannot be divided among its payers");
    const auto amount = located(amt, amt_path, [&] {
      return Money::parse(text_of(amt), Currency::parse(amt.attribute("Ccy").value()));
    });
    if (!(amount.currency() == entry_amount.currency()))
      fail_at(amt, amt_path,
              "detail amount is in " + std::string(amount.currency().code()) + ", the entry in " +
                  std::string(entry_amount.currency().code()));
    if (!amount.is_positive()) fail_at(amt, amt_path, "a batch detail amount must be positive");
    return amount;
  }

  // Each detail's own key inside its entry: its Refs/AcctSvcrRef, else its
  // EndToEndId (unless NOTPROVIDED), else its 1-based index. A reference that
  // another detail of the same entry also carries (banks give a lockbox's
  // package reference to every item) tells nothing apart and is passed over.
  static std::vector<std::string> detail_keys(const std::vector<Detail>& details) {
    std::vector<std::array<std::string, 2>> refs;
    std::map<std::string, int> count[2];
    for (const auto& d : details) {
      const auto r = child(d.node, "Refs");
      std::array<std::string, 2> own = {text_of(child(r, "AcctSvcrRef")),
                                        text_of(child(r, "EndToEndId"))};
      if (own[1] == "NOTPROVIDED") own[1].clear();
      for (int k = 0; k < 2; ++k)
        if (!own[k].empty()) ++count[k][own[k]];
      refs.push_back(std::move(own));
    }
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < refs.size(); ++i) {
      std::string key = std::to_string(i + 1);
      for (int k = 1; k >= 0; --k)
        if (!refs[i][k].empty() && count[k][refs[i][k]] == 1) key = refs[i][k];
      keys.push_back(std::move(key));
    }
    return keys;
  }

  // The bank's own references identify an entry; the payer's EndToEndId does
  // not (it is often "NOTPROVIDED" or reused), so it is never the key. A batch
  // entry is named by its own reference only: a detail's reference names that
  // detail, not the entry.
  std::string entry_ref(const pugi::xml_node& ntry, const pugi::xml_node& first_tx,
                        const std::string& path, bool batch = false) const {
    if (auto ref = text_of(child(ntry, "AcctSvcrRef")); !ref.empty()) return ref;
    if (!batch) {
      const auto refs = child(first_tx, "Refs");
      for (auto name : {"AcctSvcrRef", "TxId", "InstrId"}) {
        auto ref = text_of(child(refs, name));
        if (!ref.empty() && ref != "NOTPROVIDED") return ref;
      }
    }
    const auto ntry_ref = text_of(child(ntry, "NtryRef"));
    if (!stmt_id_.empty() && !ntry_ref.empty()) return stmt_id_ + ":" + ntry_ref;
    fail_at(ntry, path,
            !batch ? "entry has no reference (AcctSvcrRef, TxDtls/Refs or Stmt/Id with NtryRef) to "
                     "import it by"
                   : "batch entry has no reference of its own (AcctSvcrRef or Stmt/Id with "
                     "NtryRef) to import its details by");
  }

  std::string source_;
  std::vector<std::size_t> newlines_;
  std::string account_;
  std::string stmt_id_;
};

// The offset of a "<!DOCTYPE" (or a stray "<!ENTITY"), matched without regard
// to case so that no spelling slips past; npos when there is none.
std::size_t find_doctype(const std::string& bytes) {
  for (std::string_view needle : {"<!DOCTYPE", "<!ENTITY"}) {
    const auto it = std::search(
        bytes.begin(), bytes.end(), needle.begin(), needle.end(),
        [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; });
    if (it != bytes.end()) return static_cast<std::size_t>(it - bytes.begin());
  }
  return std::string::npos;
}

std::string namespace_of(const pugi::xml_node& root) {
  const std::string_view name = root.name();
  const auto colon = name.find(':');
  const auto attr = colon == std::string_view::npos ? std::string("xmlns")
                                                    : "xmlns:" + std::string(name.substr(0, colon));
  return root.attribute(attr.c_str()).value();
}

}  // namespace

std::vector<BankCredit> read_camt053(Input& in) {
  std::ostringstream buffer;
  buffer << in.stream().rdbuf();
  const std::string bytes = std::move(buffer).str();
  StatementReader reader(in.name(), bytes);

  if (bytes.find('\0') != std::string::npos)
    fail_conflict("statement is not UTF-8 text (UTF-16 and UTF-32 are not supported)",
                  reader.where(-1));
  if (const auto at = find_doctype(bytes); at != std::string::npos)
    fail_conflict("a DOCTYPE or entity declaration is refused in a bank statement",
                  reader.where(static_cast<std::ptrdiff_t>(at)));

  pugi::xml_document doc;
  // Without parse_doctype; the DOCTYPE check above already refused any.
  const auto result = doc.load_buffer(
      bytes.data(), bytes.size(), pugi::parse_default & ~pugi::parse_doctype, pugi::encoding_utf8);
  if (!result)
    fail_conflict(std::string("not well-formed XML: ") + result.description(),
                  reader.where(result.offset));

  const auto root = doc.document_element();
  if (local_name(root) != "Document")
    fail_conflict(
        "not an ISO 20022 document: the root element is <" + std::string(root.name()) + ">",
        reader.where(root, std::string(local_name(root))));
  if (const auto ns = namespace_of(root); !ns.empty()) {
    const std::string_view v(ns);
    const bool known = v.substr(0, kNamespacePrefix.size()) == kNamespacePrefix &&
                       std::find(kVersions.begin(), kVersions.end(),
                                 v.substr(kNamespacePrefix.size())) != kVersions.end();
    if (!known)
      fail_conflict("not a camt.053 statement of version 02 to 08 (namespace " + ns + ")",
                    reader.where(root, "Document"));
  }
  const auto statement = child(root, "BkToCstmrStmt");
  if (!statement)
    fail_conflict("not a camt.053 statement: no BkToCstmrStmt element",
                  reader.where(root, "Document"));

  std::vector<BankCredit> credits;
  std::size_t index = 0;
  for (const auto& stmt : statement.children()) {
    if (stmt.type() != pugi::node_element || local_name(stmt) != "Stmt") continue;
    reader.read_statement(stmt, "Stmt[" + std::to_string(++index) + "]", credits);
  }

  // Two credits under one reference would be imported as one: refuse that.
  std::map<std::string, const BankCredit*> seen;
  for (const auto& c : credits) {
    const auto [it, fresh] = seen.emplace(c.entry_ref, &c);
    if (!fresh)
      fail_conflict(
          "entry reference '" + c.entry_ref + "' is also used by " + it->second->where.field,
          c.where);
  }
  return credits;
}

}  // namespace arctl::payments
