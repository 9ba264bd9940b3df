// What the close remembers per period, in its own table ("x.close.periods"):
// the steps done with their results, and who closed the period and when.
#pragma once

#include <string>
#include <vector>

#include "arctl/host_access.hpp"
#include "arctl/ledger.hpp"
#include "arctl/output.hpp"
#include "arctl/plugin_host.hpp"

namespace arctl {

struct StepRecord {
  std::string name;
  std::string summary;
  Json figures;
  std::vector<std::string> artefacts;
};

struct PeriodRecord {
  explicit PeriodRecord(std::string p = {}) : period(std::move(p)) {}
  std::string period;  // YYYY-MM
  bool closed = false;
  std::string closed_by;
  std::int64_t closed_at = 0;  // UTC micros
  std::vector<StepRecord> steps;
  Json figures = Json::object();

  const StepRecord* step(const std::string& name) const;
};

class CloseRecords {
 public:
  explicit CloseRecords(Tx& tx);
  std::optional<PeriodRecord> get(const std::string& period);
  void put(const PeriodRecord& r);
  void erase(const std::string& period);
  std::vector<PeriodRecord> all();

 private:
  PluginHandle handle_ = HostAccess::handle("close");
  Tx& tx_;
};

}  // namespace arctl
