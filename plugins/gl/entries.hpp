// General-ledger entries derived from the AR journal: one balanced
// double-entry entry per kernel posting, void, assignment or application of
// unapplied cash, carrying the document and the journal sequence it came from.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accounts.hpp"
#include "arctl/events/invoicing.hpp"
#include "arctl/journal.hpp"
#include "arctl/ledger.hpp"

namespace arctl {
class InvoicingService;
}

namespace arctl::gl {

struct Posting {
  std::string account;
  std::int64_t minor = 0;  // debit positive, credit negative
};

struct Entry {
  Date date{};
  std::uint64_t seq = 0;       // the journal event it comes from (summary: the first)
  std::uint64_t last_seq = 0;  // summary entries: the last journal event summed
  std::uint64_t events = 1;    // summary entries: how many entries were summed
  std::string kind;            // invoice, receipt, ..., application, reversal, void, assignment
  std::string document;        // the document id (for applications: the receipt)
  std::string customer;
  std::string description;
  // Set when the entry posts on another date than its documents' (cash for
  // documents of a locked period, booked in the open one).
  std::optional<Date> document_date;
  Currency currency;
  std::vector<Posting> postings;  // sums to zero
};

// The journal events that carry GL postings.
bool is_gl_event(std::string_view type);

using Lines = std::vector<events::InvoiceLine>;

class EntryBuilder {
 public:
  // `invoicing` gives the lines of invoices and notes (revenue per line and
  // tax); nullptr (the plugin is not loaded): every document books its
  // amount to revenue whole.
  EntryBuilder(Tx& tx, AccountMap& map, InvoicingService* invoicing)
      : tx_(tx), map_(map), invoicing_(invoicing) {}
  // The entry for a GL event, or nothing when the event moves no GL account
  // (an application of a credit note). Error(kConflict) naming the document
  // when it maps to no account.
  std::optional<Entry> build(const JournalEntry& event);
  // The date an event is booked on.
  Date date_of(const JournalEntry& event);

 private:
  std::optional<Entry> build_entry(const JournalEntry& event);
  Entry posting(const Document& doc, Date date, std::uint64_t seq);
  void revenue_and_tax(Entry& e, const Document& doc, std::int64_t sign);
  bool split_like(Entry& e, const std::string& source, const std::string& what, std::int64_t amount,
                  std::int64_t sign);
  // The invoicing lines of `d`; empty for other kinds and without invoicing.
  // Cost: one get in invoicing's table for an invoice or note.
  Lines lines_of(const Document& d);
  std::string customer_name(const std::string& id);

  Tx& tx_;
  AccountMap& map_;
  InvoicingService* invoicing_;
  std::map<std::string, std::string, std::less<>> names_;  // customer id -> name
};

// Throws Error(kError) naming the entry if its postings do not sum to zero.
void check_balanced(const Entry& e);

}  // namespace arctl::gl
