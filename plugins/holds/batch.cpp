// `credit check --batch`: many order-release decisions in one process and one
// read transaction, from CSV (customer,amount[,order_id]) or JSON lines.
#include <map>

#include "arctl/csv.hpp"
#include "arctl/error.hpp"
#include "arctl/input.hpp"
#include "commands.hpp"
#include "credit.hpp"

namespace arctl::holds {
namespace {

struct Row {
  std::uint64_t line = 0;
  std::string customer, amount, order_id;
};

void read_rows(Input& in, const std::function<void(const Row&)>& fn) {
  if (input_format(in) == InputFormat::kJsonl) {
    read_jsonl(in, [&](const Json& obj, std::uint64_t line) {
      Row r{line, json_text(obj, "customer", in.name(), line),
            json_text(obj, "amount", in.name(), line), json_text(obj, "order_id", in.name(), line)};
      fn(r);
    });
    return;
  }
  CsvReader reader(in.stream(), in.name());
  auto header_rec = reader.next();
  if (!header_rec) return;
  CsvHeader header(*header_rec, in.name(), {"customer", "amount"},
                   {"customer", "amount", "order_id"});
  while (auto rec = header.next(reader))
    fn(Row{rec->line, std::string(header.get(*rec, "customer")),
           std::string(header.get(*rec, "amount")), std::string(header.get(*rec, "order_id"))});
}

std::string joined(const std::vector<Finding>& reasons) {
  std::string s;
  for (const auto& r : reasons)
    s += (s.empty() ? "" : "; ") + r.detail;
  return s;
}

}  // namespace

void run_batch(Context& ctx, State& st, const std::string& path, bool cumulative) {
  Input in(path);
  Json rows = Json::array();
  std::uint64_t blocked = 0;
  ctx.ledger().read([&](Tx& tx) {
    const auto rules = Rules::load(tx);
    const auto o = assess_options(ctx, rules);
    std::map<std::string, CheckBase, std::less<>> bases;
    std::map<std::string, Money, std::less<>> used;  // released so far, with --cumulative
    read_rows(in, [&](const Row& r) {
      const Location where{in.name(), r.line, ""};
      try {
        if (r.customer.empty())
          fail(ErrorKind::kConflict, "customer is empty", {"", 0, "customer"});
        auto it = bases.find(r.customer);
        if (it == bases.end())
          it = bases.emplace(r.customer, check_base(tx, st.holds.store(), r.customer, o)).first;
        const auto& base = it->second;
        // Orders released earlier in a cumulative batch add to the exposure; the
        // order being checked, if already recorded, is not counted twice.
        Money extra = Money::zero(base.position.customer.currency);
        if (cumulative)
          if (auto u = used.find(r.customer); u != used.end()) extra += u->second;
        if (!r.order_id.empty())
          if (auto ord = st.holds.store().order(tx, r.customer, r.order_id)) extra -= ord->amount;
        auto d = decide(base, r.amount, r.order_id, &extra);
        if (cumulative && d.release) {
          used.try_emplace(r.customer, Money::zero(d.amount.currency())).first->second += d.amount;
        }
        if (!d.release) ++blocked;
        Json j;
        j["line"] = r.line;
        j["customer"] = d.customer;
        j["order_id"] = d.order_id;
        put_money(j, "amount", d.amount);
        j["decision"] = d.release ? "release" : "blocked";
        j["reasons"] = joined(d.reasons);
        j["exposure"] = d.exposure.str();
        j["limit"] = d.limit ? d.limit->str() : "";
        j["available"] = d.available ? d.available->str() : "";
        rows.push_back(std::move(j));
      } catch (const Error& e) {
        throw e.located(where);
      }
    });
  });
  ctx.print(rows);
  ctx.note(std::to_string(rows.size()) + " orders checked, " + std::to_string(blocked) +
           " blocked");
  if (blocked > 0) ctx.exit_code = exit_code(ErrorKind::kCreditRefused);
}

}  // namespace arctl::holds
