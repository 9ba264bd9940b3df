// Live re-evaluation: the event handlers that keep holds current inside the
// transaction that changed the customer's position, and the invoicing veto.
#pragma once

#include "arctl/events.hpp"
#include "commands.hpp"

namespace arctl::holds {

void subscribe_live(EventBus& bus, State& st);

}  // namespace arctl::holds
