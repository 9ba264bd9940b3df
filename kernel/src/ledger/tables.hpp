// Names of the kernel's tables and the layout of their keys. Private to the
// kernel: plugins reach this data only through Tx.
#pragma once

#include <string_view>

namespace arctl::tables {

// customer id -> Customer
inline constexpr std::string_view kCustomers = "customers";
// customer id -> CustomerBalance
inline constexpr std::string_view kBalances = "balances";
// document id -> Document
inline constexpr std::string_view kDocuments = "documents";
// (customer, issued, id) -> ""
inline constexpr std::string_view kDocByCustomer = "doc_by_customer";
// (customer, side: 0 debit / 1 credit, due, id) -> (kind, issued, open)
inline constexpr std::string_view kOpenItems = "open_items";
// (ref, id) -> ""
inline constexpr std::string_view kDocByRef = "doc_by_ref";
// application id -> Application
inline constexpr std::string_view kApplications = "applications";
// (document id, application id) -> ""
inline constexpr std::string_view kAppByDoc = "app_by_doc";
// (date, document id, application id; 0 for the document's void) ->
// (document's issued date, effect on its open amount): Tx::changes_after
inline constexpr std::string_view kChangesByDate = "changes_by_date";
// seq -> JournalEntry
inline constexpr std::string_view kJournal = "journal";
// name -> value: journal head, period lock, ledger format version
inline constexpr std::string_view kMeta = "meta";
// config key -> value
inline constexpr std::string_view kConfig = "config";
// counter name -> u64
inline constexpr std::string_view kCounters = "counters";

inline constexpr std::string_view kMetaHead = "journal.head";
inline constexpr std::string_view kMetaLock = "period.lock";
inline constexpr std::string_view kMetaFormat = "format";
inline constexpr std::string_view kMetaActivity = "activity.latest";
// Present once changes_by_date holds every change (ledger/change_index.hpp).
inline constexpr std::string_view kMetaChangeIndex = "index.changes_by_date";

}  // namespace arctl::tables
