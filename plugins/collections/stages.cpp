// Collection stages (see stages.hpp).
#include "stages.hpp"

namespace arctl::collections {

const char* stage_name(Stage s) noexcept {
  switch (s) {
    case Stage::kNormal:
      return "normal";
    case Stage::kPreLegal:
      return "pre-legal";
    case Stage::kLegal:
      return "legal";
    case Stage::kAgency:
      return "agency";
    case Stage::kWrittenOff:
      return "written-off";
  }
  return "normal";
}

StageState current_stage(Tx& tx, const PluginHandle& handle, std::string_view customer) {
  (void)tx;
  (void)handle;
  (void)customer;
  return {};
}

}  // namespace arctl::collections
