// Ordering the month-end close's steps by their declared dependencies.
#include <algorithm>
#include <map>

#include "arctl/close.hpp"
#include "arctl/error.hpp"

namespace arctl {
namespace {

std::string plugin_of(const std::string& step) {
  return step.substr(0, step.find('.'));
}

}  // namespace

std::vector<CloseStep> order_close_steps(std::vector<CloseStep> steps,
                                         const std::set<std::string>& loaded) {
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (!by_name.emplace(steps[i].name, i).second)
      fail(ErrorKind::kError, "two close steps are named '" + steps[i].name + "'");
  // waiting[step] = the steps it still waits for
  std::map<std::string, std::set<std::string>> waiting;
  for (const auto& s : steps) {
    auto& w = waiting[s.name];
    for (const auto& dep : s.after) {
      if (by_name.count(dep)) {
        w.insert(dep);
      } else if (loaded.count(plugin_of(dep))) {
        fail(ErrorKind::kError, "close step " + s.name + " runs after '" + dep +
                                    "', which plugin " + plugin_of(dep) + " does not have");
      }
    }
  }
  std::vector<CloseStep> out;
  while (!waiting.empty()) {
    // The map is in name order: the first ready step wins a tie.
    auto ready = std::find_if(waiting.begin(), waiting.end(),
                              [](const auto& w) { return w.second.empty(); });
    if (ready == waiting.end()) {
      std::string cycle;
      for (const auto& [name, deps] : waiting)
        cycle += (cycle.empty() ? "" : ", ") + name;
      fail(ErrorKind::kError, "the close steps depend on each other in a cycle: " + cycle);
    }
    const auto name = ready->first;
    waiting.erase(ready);
    for (auto& [other, deps] : waiting)
      deps.erase(name);
    out.push_back(std::move(steps[by_name.at(name)]));
  }
  return out;
}

}  // namespace arctl
