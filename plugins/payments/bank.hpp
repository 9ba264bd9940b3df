// Bank statement readers: CAMT.053 (ISO 20022 XML), BAI2 and a documented
// CSV layout, each turned into the credits (money received) it reports.
// Debit entries are skipped. Every credit knows where in the file it was.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arctl/date.hpp"
#include "arctl/error.hpp"
#include "arctl/input.hpp"
#include "arctl/money.hpp"

namespace arctl::payments {

struct BankCredit {
  std::string entry_ref;  // the bank's reference for the entry: the idempotency key
  Money amount;           // positive
  Date booked{};          // booking date
  std::optional<Date> value_date;
  std::string remittance;  // unstructured remittance text (invoice numbers...)
  std::string debtor;      // payer's name as the bank reports it
  std::string account;     // our account (IBAN or account number), if stated
  std::string method;      // "wire", "ach", "check"... when the format tells
  std::string check_no;
  std::string reason;  // why the payer deducted (CSV "reason"), stored as short_reason
  Location where;      // file and line (BAI2/CSV) or element path (CAMT)
};

// CAMT.053: every <Ntry> with <CdtDbtInd>CRDT</CdtDbtInd> in every <Stmt>.
// An entry with no or one <TxDtls> is one credit. Entry reference:
// <AcctSvcrRef> of the entry, else of its first <TxDtls><Refs>, else
// "<Stmt/Id>:<NtryRef>"; none of those: an error. Amount and currency from
// <Amt Ccy="...">; booking date from <BookgDt><Dt> (or <DtTm>); value date
// from <ValDt>; remittance text is every <RmtInf><Ustrd> joined with spaces;
// debtor from <RltdPties><Dbtr><Nm> (or <Dbtr><Pty><Nm>).
// A batch entry (two or more <TxDtls>, e.g. a lockbox or a credit-transfer
// batch) is one credit per <TxDtls>: amount from <AmtDtls><TxAmt><Amt>, else
// <Amt>; its own payer, <Ustrd> text, <Refs><ChqNb> and method (its <BkTxCd>,
// else the entry's); the entry's dates. Its reference is
// "<entry>/<detail>": the entry's <AcctSvcrRef> (else "<Stmt/Id>:<NtryRef>"),
// then the detail's <Refs><AcctSvcrRef>, else <EndToEndId> (not
// NOTPROVIDED), else its 1-based index; a reference shared by several details
// of the entry is passed over for the next. A detail without an amount, in
// another currency, not positive, or details that do not add up to the entry
// amount are errors naming the element: the reader never apportions a batch.
// A reversal (<RvslInd>true</RvslInd>) is skipped. DOCTYPEs are refused, so
// no entity is ever expanded. Two credits under one reference are refused,
// naming both. Errors: Error(kConflict) naming the file, line and element.
std::vector<BankCredit> read_camt053(Input& in);

// BAI2: 01/02/03/16/88/49/98/99 records; credits are type 16 detail records
// whose type code is 100-399 (and the funds-type/amount layout of the
// specification), with 88 continuation records appended to the text.
// Entry reference: the bank reference field, else customer reference, else
// "<file id>:<group>:<account>:<record line>". Amounts are in minor units
// of the group/account currency (default USD). Booking date is the group's
// as-of date. Truncated files (no 99 trailer) and bad record counts or
// control totals are errors naming the line.
std::vector<BankCredit> read_bai2(Input& in);

// CSV with a header row: entry_ref, date, amount (required), currency,
// value_date, reference (remittance text), payer, account, method, check_no,
// reason. `reason` is optional free text saying why the payer paid less
// ("damaged", "pricing"); the receipt keeps it as the attribute short_reason
// for the matching engine. Negative or zero amounts are refused (debits do
// not belong here).
std::vector<BankCredit> read_bank_csv(Input& in, const Currency& default_currency);

}  // namespace arctl::payments
