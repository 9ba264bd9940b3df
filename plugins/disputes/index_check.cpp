// Verifying the dispute cases and their unresolved index; see index_check.hpp.
#include "index_check.hpp"

#include <set>
#include <tuple>

#include "arctl/codec.hpp"
#include "arctl/error.hpp"
#include "records.hpp"

namespace arctl::disputes {

void check_cases(Tx& tx, const PluginHandle& h, CheckReport& report) {
  using Key = std::tuple<std::string, std::string, std::string>;  // customer, invoice, id
  std::set<Key> expected;
  Records records(tx, h);
  std::string at = "disputes.cases";
  try {
    records.for_each_case([&](const Case& c) {
      at = "disputes.cases " + c.id;
      if (!tx.find_customer(c.customer))
        report.add("disputes", at, "names customer '" + c.customer + "', which does not exist");
      if (!c.invoice.empty() && !tx.find_document(c.invoice))
        report.add("disputes", at, "names invoice '" + c.invoice + "', which does not exist");
      if (c.status != "resolved") expected.insert({c.customer, c.invoice, c.id});
      return true;
    });
  } catch (const Error& e) {
    report.add("disputes", at, std::string("cannot be read: ") + e.what());
    return;
  }
  tx.table(h, "unresolved").scan({}, [&](BytesView key, BytesView) {
    Key k;
    try {
      KeyReader r(key);
      std::get<0>(k) = r.str();
      std::get<1>(k) = r.str();
      std::get<2>(k) = r.str();
    } catch (const Error& e) {
      report.add("disputes", "disputes.unresolved",
                 std::string("a key cannot be read: ") + e.what());
      return true;
    }
    const auto record =
        "disputes.unresolved " + std::get<0>(k) + "/" + std::get<1>(k) + "/" + std::get<2>(k);
    if (expected.erase(k) == 0)
      report.add("disputes", record, "indexes no unresolved case of that customer and invoice");
    return true;
  });
  for (const auto& [customer, invoice, id] : expected)
    report.add("disputes", "disputes.unresolved " + customer + "/" + invoice + "/" + id,
               "unresolved case " + id + " is missing from the index");
}

}  // namespace arctl::disputes
