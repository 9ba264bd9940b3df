// Handlers for payment record, assign, apply, unapply, show, list, auto,
// return and refund: parse, run the domain in one transaction, render.
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include "arctl/command.hpp"
#include "arctl/error.hpp"
#include "arctl/option_dates.hpp"
#include "matching.hpp"
#include "review.hpp"

namespace arctl::payments {

namespace {

// --date as given, if it was.
std::optional<Date> date_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return for_option("--date", [&] { return parse_date(text); });
}

// A positive amount of `currency` from an option's text.
Money positive_amount(const std::string& text, const Currency& currency, const char* option) {
  const auto amount = for_option(option, [&] { return Money::parse(text, currency); });
  if (!amount.is_positive()) fail(ErrorKind::kConflict, "must be positive", {"", 0, option});
  return amount;
}

// The options of `payment record` checked against the ledger before the
// domain sees them, so that each error names the option it came from.
void check_receipt_options(Tx& tx, const ReceiptInput& in) {
  std::optional<Currency> given;
  if (!in.currency.empty())
    given = for_option("--currency", [&] { return Currency::parse(in.currency); });
  Currency currency = given ? *given : Currency::parse(tx.config_or("ledger.currency", "USD"));
  if (!in.customer.empty()) {
    const auto customer = tx.customer(in.customer);
    if (given && !(*given == customer.currency))
      fail(ErrorKind::kConflict,
           "customer '" + customer.id + "' pays in " + std::string(customer.currency.code()) +
               ", not " + in.currency,
           {"", 0, "--currency"});
    currency = customer.currency;
  }
  positive_amount(in.amount, currency, "--amount");
}

void record_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    ReceiptInput in;
    std::string date, value_date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("record", "Record a receipt (no --customer: suspense)");
  cmd->add_option("--customer", o->in.customer, "Customer id (omit for unidentified cash)");
  cmd->add_option("--amount", o->in.amount, "Amount received")->required();
  cmd->add_option("--currency", o->in.currency, "Currency (default: the customer's)");
  cmd->add_option("--date", o->date, "Date received (default: the business date)");
  cmd->add_option("--method", o->in.method, "wire, ach, check, card or cash")
      ->check(CLI::IsMember({"wire", "ach", "check", "card", "cash"}));
  cmd->add_option("--ref", o->in.ref, "Reference or remittance text (invoice numbers...)");
  cmd->add_option("--check-no", o->in.check_no, "Cheque number");
  cmd->add_option("--reason", o->in.reason,
                  "Why the customer paid less (damaged, pricing...): attribute short_reason");
  cmd->add_option("--value-date", o->value_date,
                  "Value date; after the business date the cheque is held as post-dated");
  cmd->add_option("--id", o->in.id, "Receipt id (default: next of config payment.series)");
  cmd->add_flag("--allow-duplicate", o->in.allow_duplicate,
                "Record it even if it looks like an earlier receipt");
  mutating(
      cmd, ctx,
      [&ctx, o] {
        o->in.date = date_or_today(ctx, o->date);
        if (!o->value_date.empty())
          o->in.value_date = date_or_today(ctx, o->value_date, "--value-date");
      },
      [&ctx, &p, o](Tx& tx) {
        check_receipt_options(tx, o->in);
        const auto r = p.record(tx, o->in, ctx.today());
        Json j{{"id", r.id},
               {"outcome", r.outcome == Outcome::kCreated ? "created" : "unchanged"},
               {"held", r.held},
               {"suspense", r.suspense}};
        return Report::line(j, r.id);
      });
}

void assign_command(CLI::App& group, Context& ctx, Payments& p) {
  auto id = std::make_shared<std::string>();
  auto customer = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("assign", "Give a receipt in suspense its customer");
  cmd->add_option("id", *id, "Receipt id")->required();
  cmd->add_option("--customer", *customer, "Customer id")->required();
  mutating(cmd, ctx, [&p, id, customer](Tx& tx) {
    p.assign(tx, *id, *customer);
    return Report::line(Json{{"id", *id}, {"customer", *customer}},
                        "Assigned " + *id + " to " + *customer);
  });
}

void apply_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string id, invoice, amount, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("apply", "Apply a receipt to an invoice by hand");
  cmd->add_option("id", o->id, "Receipt (or credit note) id")->required();
  cmd->add_option("--invoice", o->invoice, "Invoice or debit note id")->required();
  cmd->add_option("--amount", o->amount, "Amount (default: as much as both allow)");
  cmd->add_option("--date", o->date, "Application date (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    const auto receipt = tx.document(o->id);
    const auto invoice = tx.document(o->invoice);
    const auto currency = receipt.amount.currency();
    // Money is never added or compared across currencies: say which two
    // documents disagree rather than fail on the arithmetic.
    if (!(currency == invoice.amount.currency()))
      fail_conflict("'" + o->id + "' is in " + std::string(currency.code()) + " and '" +
                    o->invoice + "' in " + std::string(invoice.amount.currency().code()) +
                    "; a receipt pays only documents in its own currency");
    std::optional<Money> amount;
    if (!o->amount.empty()) amount = positive_amount(o->amount, currency, "--amount");
    const auto a = p.apply_dated(tx, o->id, o->invoice, amount, date_option(o->date), ctx.today());
    return Report::line(to_json(a),
                        "Applied " + a.amount.str() + " of " + o->id + " to " + o->invoice);
  });
}

void unapply_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string id, invoice, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd =
      group.add_subcommand("unapply", "Reverse a receipt's applications (writes reversals)");
  cmd->add_option("id", o->id, "Receipt id")->required();
  cmd->add_option("--invoice", o->invoice, "Only its application to this document");
  cmd->add_option("--date", o->date, "Reversal date (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    const auto reversed = p.unapply_dated(tx, o->id, o->invoice, date_option(o->date), ctx.today());
    Json rows = Json::array();
    for (const auto& a : reversed)
      rows.push_back(to_json(a));
    return Report::line(
        rows, "Reversed " + std::to_string(reversed.size()) + " application(s) of " + o->id);
  });
}

void show_command(CLI::App& group, Context& ctx, Payments& p) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("show", "Show a receipt and its applications");
  cmd->add_option("id", *id, "Receipt id")->required();
  cmd->callback([&ctx, &p, id] {
    ctx.print(ctx.ledger().read([&](Tx& tx) {
      auto j = p.show(tx, *id);
      // Why `payment auto` left it, while money is still unapplied.
      auto queued = ReviewQueue(tx, p.handle()).get(*id);
      const auto doc = queued ? tx.find_document(*id) : std::nullopt;
      j["review"] = doc && doc->open.is_positive() && !doc->links.count("returned_by")
                        ? to_json(*queued)
                        : Json(nullptr);
      return j;
    }));
  });
}

// `payment list --review`: what `payment auto` left, with the reason and the
// candidates, for receipts that still have money unapplied.
Json review_rows(Tx& tx, Payments& p, const std::string& customer) {
  Json rows = Json::array();
  for (const auto& item : ReviewQueue(tx, p.handle()).all()) {
    const auto d = tx.find_document(item.receipt);
    if (!d || !d->open.is_positive() || d->links.count("returned_by")) continue;
    if (!customer.empty() && d->customer != customer) continue;
    auto row = receipt_row(*d);
    const auto r = to_json(item);
    for (const auto& [k, v] : r.items())
      row[k] = v;
    rows.push_back(std::move(row));
  }
  return rows;
}

void list_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    bool unapplied = false, suspense = false, postdated = false, review = false;
    std::string customer;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("list", "List receipts");
  cmd->add_flag("--unapplied", o->unapplied, "Only those with money not yet applied");
  cmd->add_flag("--suspense", o->suspense, "Only those with no customer");
  cmd->add_flag("--postdated", o->postdated, "Only post-dated cheques still held");
  cmd->add_flag("--review", o->review,
                "Only those payment auto left unapplied, with the reason and the candidates");
  cmd->add_option("--customer", o->customer, "Only this customer's");
  cmd->callback([&ctx, &p, o] {
    if (o->review) {
      if (o->unapplied || o->suspense || o->postdated)
        fail(ErrorKind::kUsage,
             "--review does not combine with --unapplied, --suspense or --postdated");
      const auto rows = ctx.ledger().read([&](Tx& tx) { return review_rows(tx, p, o->customer); });
      if (ctx.format() != Format::kTable) {
        ctx.print(rows);
        return;
      }
      // One line per receipt: the candidates as "A+B | C".
      Json flat = Json::array();
      for (const auto& r : rows) {
        std::string c;
        for (const auto& set : r["candidates"]) {
          std::string ids;
          for (const auto& id : set)
            ids += (ids.empty() ? "" : "+") + id.get<std::string>();
          c += (c.empty() ? "" : " | ") + ids;
        }
        flat.push_back({{"id", r["id"]},
                        {"customer", r["customer"]},
                        {"date", r["date"]},
                        {"unapplied", r["unapplied"]},
                        {"currency", r["currency"]},
                        {"reason", r["reason"]},
                        {"candidates", c},
                        {"detail", r["detail"]}});
      }
      ctx.print(flat);
      return;
    }
    Json rows = Json::array();
    ctx.ledger().read([&](Tx& tx) {
      if (!o->postdated) {
        tx.for_each_document([&](const Document& d) {
          if (d.kind != DocKind::kReceipt) return true;
          if (!o->customer.empty() && d.customer != o->customer) return true;
          if (o->suspense && !d.customer.empty()) return true;
          if (o->unapplied && !d.open.is_positive()) return true;
          rows.push_back(receipt_row(d));
          return true;
        });
      }
      if (o->postdated || (!o->unapplied && !o->suspense)) {
        for (const auto& [id, in] : p.held(tx)) {
          if (!o->customer.empty() && in.customer != o->customer) continue;
          rows.push_back({{"id", id},
                          {"customer", in.customer},
                          {"date", format_date(in.date)},
                          {"amount", in.amount},
                          {"unapplied", in.amount},
                          {"currency", in.currency},
                          {"method", in.method},
                          {"ref", in.ref},
                          {"confirmed", !in.bank_ref.empty()},
                          {"status", "post-dated until " + format_date(*in.value_date)}});
        }
      }
    });
    ctx.print(rows);
  });
}

void auto_command(CLI::App& group, Context& ctx, Payments& p) {
  auto customer = std::make_shared<std::string>();
  auto* cmd = group.add_subcommand("auto", "Match unapplied receipts to open items automatically");
  cmd->add_option("--customer", *customer, "Only this customer's receipts");
  ctx.add_dry_run(cmd);
  cmd->callback([&ctx, &p, customer] {
    AutoOptions o;
    if (!customer->empty()) o.customer = *customer;
    o.today = ctx.today();
    const auto r = ctx.ledger().write([&](Tx& tx) { return run_auto(tx, p, o); });
    const auto j = r.to_json();
    if (ctx.format() != Format::kTable) {
      ctx.print(j);
      return;
    }
    ctx.out() << r.receipts_seen << " receipts examined";
    if (r.released_postdated)
      ctx.out() << ", " << r.released_postdated << " post-dated cheques released";
    ctx.out() << '\n';
    Json rows = Json::array();
    for (const auto& row : j["rules"]) {
      std::string amounts;
      for (const auto& [cur, v] : row["amount"].items())
        amounts += (amounts.empty() ? "" : ", ") + v.get<std::string>() + " " + cur;
      rows.push_back({{"rule", row["rule"]},
                      {"receipts", row["receipts"]},
                      {"applications", row["applications"]},
                      {"amount", amounts}});
    }
    ctx.print(rows);
    std::string left;
    for (const auto& [cur, v] : j["unapplied"].items())
      left += (left.empty() ? "" : ", ") + v.get<std::string>() + " " + cur;
    ctx.out() << r.discounts << " discounts, " << r.write_offs << " write-offs, " << r.shorts
              << " deductions, " << r.partials << " partial payments; " << r.unapplied_receipts
              << " receipts left unapplied" << (left.empty() ? "" : " (" + left + ")") << '\n';
    std::string queued;
    for (const auto& [reason, n] : r.for_review)
      queued += (queued.empty() ? "" : ", ") + std::to_string(n) + " " + reason;
    if (!queued.empty())
      ctx.out() << "for review (arctl payment list --review): " << queued << '\n';
  });
}

void return_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string id, reason, date;
    std::optional<std::string> fee;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd =
      group.add_subcommand("return", "A returned or bounced payment: reverse it, reopen invoices");
  cmd->add_option("id", o->id, "Receipt id")->required();
  cmd->add_option("--reason", o->reason, "nsf, stopped or other")
      ->required()
      ->check(CLI::IsMember({"nsf", "stopped", "other"}));
  cmd->add_option("--fee", o->fee, "Charge this fee with a debit note");
  cmd->add_option("--date", o->date, "Date of the return (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    if (o->fee) positive_amount(*o->fee, tx.document(o->id).amount.currency(), "--fee");
    const auto r =
        p.return_payment(tx, o->id, o->reason, o->fee, date_or_posting(ctx, tx, o->date));
    Json j{{"id", o->id},
           {"return_document", r.return_doc},
           {"fee_document", r.fee_doc},
           {"reopened", r.reopened}};
    return Report::line(
        j, "Returned " + o->id + "; " + std::to_string(r.reopened.size()) + " invoice(s) reopened");
  });
}

void refund_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string customer, amount, method, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand("refund", "Pay back a customer's credit balance");
  cmd->add_option("--customer", o->customer, "Customer id")->required();
  cmd->add_option("--amount", o->amount, "Amount")->required();
  cmd->add_option("--method", o->method, "wire, ach, check, card or cash")
      ->check(CLI::IsMember({"wire", "ach", "check", "card", "cash"}));
  cmd->add_option("--date", o->date, "Date (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    positive_amount(o->amount, tx.customer(o->customer).currency, "--amount");
    const auto d =
        p.refund(tx, o->customer, o->amount, o->method, date_or_posting(ctx, tx, o->date));
    return Report::line(to_json(d), d.id);
  });
}

void reassign_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string id, customer, reason, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "reassign", "Move a receipt to the customer who really paid (reverses its applications)");
  cmd->add_option("id", o->id, "Receipt id")->required();
  cmd->add_option("--customer", o->customer, "The customer it belongs to")->required();
  cmd->add_option("--reason", o->reason, "Why it is moved")->required();
  cmd->add_option("--date", o->date, "Date of the reversals (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    const auto to = tx.customer(o->customer);
    const auto cur = p.currency_of(tx, o->id);
    if (!(to.currency == cur))
      fail(ErrorKind::kConflict,
           "'" + o->id + "' is in " + std::string(cur.code()) + " but customer '" + to.id +
               "' pays in " + std::string(to.currency.code()),
           {"", 0, "--customer"});
    const auto r = p.reassign(tx, o->id, o->customer, o->reason, date_option(o->date), ctx.today());
    Json j{{"id", r.id},
           {"from", r.from},
           {"to", r.customer},
           {"date", format_date(r.date)},
           {"reopened", r.reopened}};
    return Report::line(j, "Moved " + r.id + " from " + (r.from.empty() ? "suspense" : r.from) +
                               " to " + r.customer + "; " + std::to_string(r.reopened.size()) +
                               " document(s) reopened");
  });
}

void reverse_command(CLI::App& group, Context& ctx, Payments& p) {
  struct Opts {
    std::string id, reason, date;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group.add_subcommand(
      "reverse", "Cancel a mis-keyed receipt: reverse its applications and void it");
  cmd->add_option("id", o->id, "Receipt id")->required();
  cmd->add_option("--reason", o->reason, "Why it is cancelled")->required();
  cmd->add_option("--date", o->date, "Date of the reversal (default: the business date)");
  mutating(cmd, ctx, [&ctx, &p, o](Tx& tx) {
    const auto r = p.reverse(tx, o->id, o->reason, date_option(o->date), ctx.today());
    Json j{{"id", r.id},
           {"customer", r.customer},
           {"date", format_date(r.date)},
           {"reopened", r.reopened}};
    return Report::line(
        j, "Reversed " + r.id + "; " + std::to_string(r.reopened.size()) + " document(s) reopened");
  });
}

}  // namespace

void register_commands(CLI::App& app, Context& ctx, Payments& p) {
  add_group(app, "payment", "Receipts and cash application", ctx,
            {record_command, assign_command, apply_command, unapply_command, show_command,
             list_command, auto_command, return_command, refund_command, register_import,
             reassign_command, reverse_command},
            p);
}

}  // namespace arctl::payments
