// The journal's bytes for every typed event: one instance of each, with
// distinctive values, must serialise to exactly the JSON the journal has
// always held, and decode back to the same event.
#include <doctest/doctest.h>

#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arctl/events/disputes.hpp"
#include "arctl/events/gl.hpp"
#include "arctl/events/holds.hpp"
#include "arctl/events/invoicing.hpp"
#include "arctl/events/kernel.hpp"
#include "arctl/events/payments.hpp"
#include "arctl/events/statements.hpp"

namespace arctl::events {
namespace {

const Currency kEur = Currency::parse("EUR");

Money eur(std::string_view s) {
  return Money::parse(s, kEur);
}
Date day(std::string_view s) {
  return parse_date(s);
}

// `e` writes `want`, and what it writes reads back as an event that writes
// the same.
template <class E>
void check_json(const E& e, std::string_view want) {
  CAPTURE(E::kName);
  const Json j = e.to_json();
  CHECK(j.dump() == want);
  CHECK(E::from_json(j).to_json().dump() == want);
}

// What an event reads from an empty payload (a journal older than its
// fields), written back; or the error it throws.
template <class E>
std::string from_empty() {
  try {
    return E::from_json(Json::object()).to_json().dump();
  } catch (const std::exception& x) {
    return std::string("error: ") + x.what();
  }
}

// from_empty of each event, by name.
template <class... E>
std::vector<std::pair<std::string, std::string>> from_empty_each() {
  return {{std::string(E::kName), from_empty<E>()}...};
}

Customer customer() {
  Customer c;
  c.id = "C-7";
  c.name = "Acme GmbH";
  c.currency = kEur;
  c.terms = "net45";
  c.credit_limit = eur("5000.00");
  c.email = "ap@acme.example";
  c.status = CustomerStatus::kInactive;
  c.attrs = {{"region", "north"}, {"vat", "DE123"}};
  return c;
}

Application application() {
  Application a;
  a.id = 41;
  a.from = "R-3";
  a.to = "INV-9";
  a.amount = eur("12.34");
  a.date = day("2026-10-05");
  a.reason = "reference";
  a.reverses = 40;
  a.reversed_by = 42;
  return a;
}

InvoiceLine line(std::string account) {
  return {
      "Widget",     Decimal::parse("2.5"), Decimal::parse("4.1"), Decimal::parse_percent("8.25%"),
      eur("10.25"), eur("0.85"),           std::move(account)};
}

TEST_CASE("kernel events write the journal's JSON and read it back") {
  check_json(
      CustomerAdded{customer()},
      R"({"id":"C-7","name":"Acme GmbH","currency":"EUR","terms":"net45","credit_limit":"5000.00","email":"ap@acme.example","status":"inactive","attrs":{"region":"north","vat":"DE123"}})");
  Customer plain;
  plain.id = "C-8";
  plain.currency = kEur;
  check_json(
      CustomerUpdated{plain, customer()},
      R"({"before":{"id":"C-8","name":"","currency":"EUR","terms":"net30","credit_limit":null,"email":"","status":"active"},"after":{"id":"C-7","name":"Acme GmbH","currency":"EUR","terms":"net45","credit_limit":"5000.00","email":"ap@acme.example","status":"inactive","attrs":{"region":"north","vat":"DE123"}}})");
  Document d;
  d.id = "INV-9";
  d.kind = DocKind::kDebitNote;
  d.customer = "C-7";
  d.issued = day("2026-10-01");
  d.due = day("2026-10-31");
  d.amount = eur("100.00");
  d.open = eur("87.66");
  d.status = DocStatus::kClosed;
  d.ref = "PO-1";
  d.memo = "freight";
  d.attrs = {{"terms", "net30"}};
  d.links = {{"rebilled_by", "INV-10"}};
  check_json(
      DocumentPosted{d},
      R"({"id":"INV-9","kind":"debit_note","customer":"C-7","issued":"2026-10-01","due":"2026-10-31","amount":"100.00","open":"87.66","currency":"EUR","status":"closed","ref":"PO-1","memo":"freight","attrs":{"terms":"net30"},"links":{"rebilled_by":"INV-10"}})");
  check_json(
      DocumentVoided{"INV-9", DocKind::kCreditNote, "C-7", eur("100.00"), day("2026-11-02"),
                     day("2026-09-30"), "duplicate"},
      R"({"id":"INV-9","kind":"credit_note","customer":"C-7","amount":"100.00","currency":"EUR","date":"2026-11-02","document_date":"2026-09-30","reason":"duplicate"})");
  check_json(
      DocumentVoided{"INV-9", DocKind::kInvoice, "C-7", eur("1.00"), day("2026-11-02"), {}, ""},
      R"({"id":"INV-9","kind":"invoice","customer":"C-7","amount":"1.00","currency":"EUR","date":"2026-11-02","reason":""})");
  check_json(
      DocumentAssigned{"R-3", "C-7", eur("50.00"), day("2026-10-07"), day("2026-10-06")},
      R"({"id":"R-3","customer":"C-7","amount":"50.00","currency":"EUR","date":"2026-10-07","document_date":"2026-10-06"})");
  check_json(DocumentAssigned{"R-3", "C-7", eur("50.00"), {}, {}},
             R"({"id":"R-3","customer":"C-7","amount":"50.00","currency":"EUR"})");
  check_json(
      DocumentReassigned{"R-3", "C-7", "C-8", eur("50.00"), eur("20.00")},
      R"({"id":"R-3","from":"C-7","to":"C-8","amount":"50.00","currency":"EUR","open":"20.00"})");
  check_json(DocumentLinked{"INV-9", "rebilled_by", "INV-10"},
             R"({"id":"INV-9","key":"rebilled_by","value":"INV-10"})");
  check_json(
      ApplicationMade{application(), "C-7", day("2026-09-30")},
      R"({"id":41,"from":"R-3","to":"INV-9","amount":"12.34","currency":"EUR","date":"2026-10-05","reason":"reference","reverses":40,"reversed_by":42,"customer":"C-7","document_date":"2026-09-30"})");
  check_json(
      ApplicationReversed{application(), "C-8", {}},
      R"({"id":41,"from":"R-3","to":"INV-9","amount":"12.34","currency":"EUR","date":"2026-10-05","reason":"reference","reverses":40,"reversed_by":42,"customer":"C-8"})");
  check_json(PeriodLocked{day("2026-10-31"), day("2026-09-30")},
             R"({"through":"2026-10-31","previous":"2026-09-30"})");
  check_json(PeriodLocked{day("2026-10-31"), {}}, R"({"through":"2026-10-31","previous":null})");
  check_json(PeriodReopened{day("2026-10-31"), day("2026-08-31"), "audit"},
             R"({"previous":"2026-10-31","lock":"2026-08-31","reason":"audit"})");
  check_json(PeriodReopened{day("2026-10-31"), {}, "audit"},
             R"({"previous":"2026-10-31","lock":null,"reason":"audit"})");
  check_json(ConfigSet{"holds.days", "30", "45"},
             R"({"key":"holds.days","value":"30","previous":"45"})");
  check_json(ConfigSet{"holds.days", "30", {}},
             R"({"key":"holds.days","value":"30","previous":null})");
  check_json(ConfigUnset{"holds.days", "30"}, R"({"key":"holds.days","previous":"30"})");
  check_json(LedgerCreated{kEur, 3}, R"({"currency":"EUR","format":3})");
}

TEST_CASE("invoicing events write the journal's JSON and read it back") {
  PostedLines doc{"INV-9",
                  "C-7",
                  eur("20.50"),
                  {{"po", "PO-1"}, {"terms", "net30"}},
                  eur("20.50"),
                  eur("1.70"),
                  {line("4000"), line("")}};
  check_json(
      InvoicePosted{doc},
      R"({"id":"INV-9","customer":"C-7","total":"20.50","currency":"EUR","po":"PO-1","terms":"net30","subtotal":"20.50","tax":"1.70","lines":[{"description":"Widget","quantity":"2.5","unit_price":"4.10","tax_rate":"8.25%","net":"10.25","tax":"0.85","account":"4000"},{"description":"Widget","quantity":"2.5","unit_price":"4.10","tax_rate":"8.25%","net":"10.25","tax":"0.85"}]})");
  check_json(
      CreditNotePosted{{"CN-2", "C-7", eur("5.00"), {{"for", "INV-9"}}, {}, {}, {}}, "price"},
      R"({"id":"CN-2","customer":"C-7","total":"5.00","currency":"EUR","for":"INV-9","reason":"price"})");
  check_json(
      DebitNotePosted{{"DN-4", "C-7", eur("9.99"), {}, {}, {}, {line("")}}, "freight"},
      R"({"id":"DN-4","customer":"C-7","total":"9.99","currency":"EUR","subtotal":"0.00","tax":"0.00","lines":[{"description":"Widget","quantity":"2.5","unit_price":"4.10","tax_rate":"8.25%","net":"10.25","tax":"0.85"}],"reason":"freight"})");
  check_json(InvoiceVoided{"INV-9", "C-7", "duplicate"},
             R"({"id":"INV-9","customer":"C-7","reason":"duplicate"})");
}

TEST_CASE("an attribute named like a payload key keeps its place and the key's value") {
  // Attributes are top-level keys: one named "id" is dropped, one named
  // "tax" or "reason" is overwritten in its place by the field.
  CreditNotePosted e{{"CN-2",
                      "C-7",
                      eur("5.00"),
                      {{"id", "X"}, {"reason", "r"}, {"tax", "t"}},
                      eur("4.00"),
                      eur("1.00"),
                      {line("")}},
                     "price"};
  const auto j = e.to_json();
  CHECK(
      j.dump() ==
      R"({"id":"CN-2","customer":"C-7","total":"5.00","currency":"EUR","reason":"price","tax":"1.00","subtotal":"4.00","lines":[{"description":"Widget","quantity":"2.5","unit_price":"4.10","tax_rate":"8.25%","net":"10.25","tax":"0.85"}]})");
  // Read back, those keys are the fields' own: the attributes are gone.
  CHECK(
      CreditNotePosted::from_json(j).to_json().dump() ==
      R"({"id":"CN-2","customer":"C-7","total":"5.00","currency":"EUR","subtotal":"4.00","tax":"1.00","lines":[{"description":"Widget","quantity":"2.5","unit_price":"4.10","tax_rate":"8.25%","net":"10.25","tax":"0.85"}],"reason":"price"})");
}

TEST_CASE("payments events write the journal's JSON and read it back") {
  check_json(
      PaymentRecorded{"R-3", "C-7", eur("50.00"), day("2026-10-05"), day("2026-10-20"), true,
                      "cheque 12"},
      R"({"id":"R-3","customer":"C-7","amount":"50.00","currency":"EUR","date":"2026-10-05","value_date":"2026-10-20","held":true,"ref":"cheque 12"})");
  check_json(
      PaymentRecorded{"R-4", "", eur("1.00"), day("2026-10-05"), {}, false, ""},
      R"({"id":"R-4","customer":"","amount":"1.00","currency":"EUR","date":"2026-10-05","value_date":null,"held":false,"ref":""})");
  check_json(PaymentAssigned{"R-3", "C-7", true}, R"({"id":"R-3","customer":"C-7","held":true})");
  check_json(
      PaymentApplied{"R-3", "INV-9", "C-7", eur("12.34"), "reference", 41},
      R"({"receipt":"R-3","invoice":"INV-9","customer":"C-7","amount":"12.34","currency":"EUR","rule":"reference","application":41})");
  check_json(
      PaymentShort{"R-3", "INV-9", "C-7", day("2026-10-05"), "over tolerance", eur("3.21"),
                   "pricing"},
      R"({"receipt":"R-3","invoice":"INV-9","customer":"C-7","currency":"EUR","date":"2026-10-05","why":"over tolerance","short":"3.21","reason":"pricing"})");
  check_json(
      PaymentPartial{"R-3", "INV-9", "C-7", day("2026-10-05"), "partial", eur("40.00"),
                     eur("60.00")},
      R"({"receipt":"R-3","invoice":"INV-9","customer":"C-7","currency":"EUR","date":"2026-10-05","why":"partial","paid":"40.00","open":"60.00"})");
  check_json(
      PaymentReturned{"R-3",
                      "C-7",
                      eur("50.00"),
                      "nsf",
                      day("2026-10-09"),
                      "PR-1",
                      "DN-5",
                      {"INV-9", "INV-10"}},
      R"({"id":"R-3","customer":"C-7","amount":"50.00","currency":"EUR","reason":"nsf","date":"2026-10-09","return_document":"PR-1","fee_document":"DN-5","reopened":["INV-9","INV-10"]})");
  check_json(
      PaymentReturned{"R-3", "C-7", eur("50.00"), "nsf", day("2026-10-09"), "PR-1", "", {}},
      R"({"id":"R-3","customer":"C-7","amount":"50.00","currency":"EUR","reason":"nsf","date":"2026-10-09","return_document":"PR-1","fee_document":"","reopened":[]})");
  check_json(PaymentRefunded{"RF-1", "C-7", eur("8.00"), "wire"},
             R"({"id":"RF-1","customer":"C-7","amount":"8.00","currency":"EUR","method":"wire"})");
  check_json(
      PaymentConfirmed{"R-3", "C-7", "BANK-77", eur("50.00"), day("2026-10-06")},
      R"({"id":"R-3","customer":"C-7","bank_ref":"BANK-77","amount":"50.00","currency":"EUR","date":"2026-10-06"})");
  check_json(
      PaymentReassigned{
          "R-3", eur("50.00"), "wrong payer", day("2026-10-08"), {"INV-9"}, "C-7", "C-8"},
      R"({"id":"R-3","amount":"50.00","currency":"EUR","reason":"wrong payer","date":"2026-10-08","reopened":["INV-9"],"from":"C-7","to":"C-8","customer":"C-8"})");
  check_json(
      PaymentReversed{"R-3", eur("50.00"), "entered twice", day("2026-10-08"), {"INV-9"}, "C-7"},
      R"({"id":"R-3","amount":"50.00","currency":"EUR","reason":"entered twice","date":"2026-10-08","reopened":["INV-9"],"customer":"C-7"})");
}

TEST_CASE("disputes events write the journal's JSON and read it back") {
  check_json(
      DisputeOpened{"D-1", "C-7", "INV-9", "dispute", eur("3.21"), "deduction", "L1", "ann",
                    day("2026-10-05"), "payment.short", "R-3", "short paid"},
      R"({"id":"D-1","customer":"C-7","invoice":"INV-9","kind":"dispute","amount":"3.21","currency":"EUR","reason":"deduction","level":"L1","owner":"ann","date":"2026-10-05","source":"payment.short","source_ref":"R-3","note":"short paid"})");
  check_json(
      DisputeNoted{"D-1", "C-7", "INV-9", "called", day("2026-10-06")},
      R"({"id":"D-1","customer":"C-7","invoice":"INV-9","note":"called","date":"2026-10-06"})");
  check_json(
      DisputeAssigned{"D-1", "C-7", "INV-9", "ann", "bob", day("2026-10-07")},
      R"({"id":"D-1","customer":"C-7","invoice":"INV-9","from":"ann","owner":"bob","date":"2026-10-07"})");
  check_json(
      DisputeEscalated{"D-1", "C-7", "INV-9", "L1", "L2", "cat", 14, day("2026-10-20"), true,
                       "sla"},
      R"({"id":"D-1","customer":"C-7","invoice":"INV-9","from":"L1","to":"L2","owner":"cat","sla_days":14,"date":"2026-10-20","automatic":true,"note":"sla"})");
  check_json(
      DisputeReduced{"D-1", "C-7", "INV-9", eur("3.21"), eur("1.21"), day("2026-10-21"), "R-4"},
      R"({"id":"D-1","customer":"C-7","invoice":"INV-9","from":"3.21","to":"1.21","currency":"EUR","date":"2026-10-21","note":"R-4"})");
  check_json(
      PromiseKept{"P-1", "C-7", "INV-9", eur("30.00"), day("2026-10-15"), eur("30.00"),
                  day("2026-10-16")},
      R"({"id":"P-1","customer":"C-7","invoice":"INV-9","amount":"30.00","currency":"EUR","date":"2026-10-15","paid":"30.00","checked":"2026-10-16"})");
  check_json(
      PromiseBroken{"P-2", "C-7", "", eur("30.00"), day("2026-10-15"), eur("10.00"),
                    day("2026-10-17")},
      R"({"id":"P-2","customer":"C-7","invoice":"","amount":"30.00","currency":"EUR","date":"2026-10-15","paid":"10.00","checked":"2026-10-17"})");
  check_json(
      WriteoffProposed{"W-1", "INV-9", "C-7", eur("1.21"), "small", "D-1", "ann", 2,
                       day("2026-10-22")},
      R"({"id":"W-1","invoice":"INV-9","customer":"C-7","amount":"1.21","currency":"EUR","reason":"small","dispute":"D-1","proposed_by":"ann","approvals_required":2,"date":"2026-10-22"})");
  check_json(
      WriteoffApproved{"W-1", "INV-9", "C-7", eur("1.21"), "bob", "bob7", 1, 2, day("2026-10-23")},
      R"({"id":"W-1","invoice":"INV-9","customer":"C-7","amount":"1.21","currency":"EUR","approver":"bob","login":"bob7","approvals":1,"approvals_required":2,"date":"2026-10-23"})");
  check_json(
      WriteoffRejected{"W-1", "INV-9", "C-7", eur("1.21"), "cat", "not small", "",
                       day("2026-10-24")},
      R"({"id":"W-1","invoice":"INV-9","customer":"C-7","amount":"1.21","currency":"EUR","rejected_by":"cat","reason":"not small","dispute":"","date":"2026-10-24"})");
  check_json(
      WriteoffPosted{"W-1",
                     "INV-9",
                     "C-7",
                     eur("1.21"),
                     "WO-1",
                     "ann",
                     {"bob", "cat"},
                     {"bob7", "cat9"},
                     "D-1",
                     day("2026-10-25")},
      R"({"id":"W-1","invoice":"INV-9","customer":"C-7","amount":"1.21","currency":"EUR","document":"WO-1","proposed_by":"ann","approved_by":["bob","cat"],"approver_logins":["bob7","cat9"],"dispute":"D-1","date":"2026-10-25"})");
}

TEST_CASE("holds and statements events write the journal's JSON and read it back") {
  check_json(
      HoldPlaced{"C-7", "over_limit", "5100.00 > 5000.00", day("2026-10-05")},
      R"({"customer":"C-7","reason":"over_limit","detail":"5100.00 > 5000.00","date":"2026-10-05"})");
  check_json(HoldReleased{"C-7", "manual", "paid", day("2026-10-06")},
             R"({"customer":"C-7","reason":"manual","detail":"paid","date":"2026-10-06"})");
  check_json(
      NoticeSent{
          "C-7", 2, "final", {"INV-9", "INV-10"}, eur("150.00"), day("2026-10-31"), "C-7-2.txt", 5},
      R"({"customer":"C-7","level":2,"name":"final","invoices":["INV-9","INV-10"],"amount":"150.00","currency":"EUR","date":"2026-10-31","file":"C-7-2.txt","run":5})");
  check_json(NoticeExcluded{"INV-9", "C-7", "disputed"},
             R"({"invoice":"INV-9","customer":"C-7","reason":"disputed"})");
  check_json(NoticeIncluded{"INV-9", "C-7", "resolved"},
             R"({"invoice":"INV-9","customer":"C-7","reason":"resolved"})");
  check_json(
      StatementsSnapshot{"2026-10", day("2026-10-31"), Json{{"dso", "41.2"}, {"cei", "88.0"}}},
      R"({"period":"2026-10","as_of":"2026-10-31","figures":{"dso":"41.2","cei":"88.0"}})");
}

TEST_CASE("an event with an amount refuses a payload without its currency or kind") {
  // Journals written before a field existed are read with its default, but
  // amounts mean nothing without the payload's currency.
  for (const auto& [name, got] : from_empty_each<
           CustomerAdded, CustomerUpdated, DocumentAssigned, DocumentReassigned, ApplicationMade,
           LedgerCreated, InvoicePosted, CreditNotePosted, PaymentRecorded, PaymentApplied,
           PaymentShort, PaymentPartial, PaymentReturned, PaymentRefunded, PaymentConfirmed,
           PaymentReassigned, PaymentReversed, DisputeOpened, DisputeReduced, PromiseKept,
           WriteoffProposed, WriteoffApproved, WriteoffRejected, WriteoffPosted, NoticeSent>()) {
    CAPTURE(name);
    CHECK(got == "error: unknown currency '': expected an ISO 4217 code");
  }
  // A document's kind is read before its amount.
  CHECK(
      from_empty<DocumentPosted>() ==
      R"(error: unknown document kind '' (invoice, debit_note, credit_note, receipt, refund, payment_return, write_off, discount))");
  CHECK(
      from_empty<DocumentVoided>() ==
      R"(error: unknown document kind '' (invoice, debit_note, credit_note, receipt, refund, payment_return, write_off, discount))");
}

TEST_CASE("an event without an amount reads a payload without its fields as defaults") {
  CHECK(from_empty<DocumentLinked>() == R"({"id":"","key":"","value":""})");
  CHECK(from_empty<PeriodLocked>() == R"({"through":"1970-01-01","previous":null})");
  CHECK(from_empty<PeriodReopened>() == R"({"previous":"1970-01-01","lock":null,"reason":""})");
  CHECK(from_empty<ConfigSet>() == R"({"key":"","value":"","previous":null})");
  CHECK(from_empty<ConfigUnset>() == R"({"key":"","previous":""})");
  CHECK(from_empty<InvoiceVoided>() == R"({"id":"","customer":"","reason":""})");
  CHECK(from_empty<PaymentAssigned>() == R"({"id":"","customer":"","held":false})");
  CHECK(from_empty<DisputeNoted>() ==
        R"({"id":"","customer":"","invoice":"","note":"","date":"1970-01-01"})");
  CHECK(from_empty<DisputeAssigned>() ==
        R"({"id":"","customer":"","invoice":"","from":"","owner":"","date":"1970-01-01"})");
  CHECK(
      from_empty<DisputeEscalated>() ==
      R"({"id":"","customer":"","invoice":"","from":"","to":"","owner":"","sla_days":0,"date":"1970-01-01","automatic":false,"note":""})");
  CHECK(from_empty<HoldPlaced>() ==
        R"({"customer":"","reason":"","detail":"","date":"1970-01-01"})");
  CHECK(from_empty<NoticeExcluded>() == R"({"invoice":"","customer":"","reason":""})");
  CHECK(from_empty<StatementsSnapshot>() == R"({"period":"","as_of":"1970-01-01","figures":{}})");
}

}  // namespace
}  // namespace arctl::events
