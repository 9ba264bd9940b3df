// The collection_policy service (arctl/collection_policy.hpp): what dunning
// and credit holds ask about a customer's stage and strategy.
#pragma once

#include <memory>

#include "arctl/collection_policy.hpp"

namespace arctl::collections {

std::shared_ptr<CollectionPolicy> make_policy(const PluginHandle& handle);

}  // namespace arctl::collections
