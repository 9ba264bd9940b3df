// Verifying the holds plugin's records; see hold_tables_check.hpp.
#include "hold_tables_check.hpp"

#include "arctl/codec.hpp"
#include "arctl/error.hpp"

namespace arctl::holds {

void check_records(Tx& tx, HoldTables& store, const PluginHandle& h, CheckReport& report) {
  auto customer_exists = [&](const std::string& table, const std::string& customer,
                             const std::string& rest) {
    if (tx.find_customer(customer)) return;
    report.add("holds", "holds." + table + " " + customer + (rest.empty() ? "" : "/" + rest),
               "belongs to customer '" + customer + "', which does not exist");
  };
  // Each table is read key by key so that one bad record is named, not the scan.
  for (const std::string table : {"holds", "orders", "profiles"}) {
    tx.table(h, table).scan({}, [&](BytesView key, BytesView) {
      std::string customer, rest;
      try {
        KeyReader r(key);
        customer = r.str();
        if (table != "profiles") rest = r.str();
        if (table == "holds") {
          bool found = false;
          for (const auto& hold : store.holds_of(tx, customer))
            found = found || hold.reason == rest;
          if (!found) throw Error(ErrorKind::kError, "not read back by its customer");
        } else if (table == "orders") {
          store.order(tx, customer, rest);
        } else {
          store.profile(tx, customer);
        }
      } catch (const Error& e) {
        report.add("holds", "holds." + table + " " + customer + (rest.empty() ? "" : "/" + rest),
                   std::string("cannot be read: ") + e.what());
        return true;
      }
      customer_exists(table, customer, rest);
      return true;
    });
  }
}

}  // namespace arctl::holds
