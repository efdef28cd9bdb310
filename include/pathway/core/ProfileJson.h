#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Validation.h"

#include <nlohmann/json_fwd.hpp>

#include <QVector>

namespace pathway {

// The profile object of the exchange format and of `add-client --profile`
// (documented in docs/data-format.md). Keys are snake_case field names.
nlohmann::json clientToJson(const Client &client);

// Reads a profile object. Every problem is reported at once: wrong types,
// unknown keys and unknown codes first, then the validation rules.
// `client` is filled as far as the input allows.
struct ParsedClient
{
    Client client;
    QVector<FieldError> errors;
    bool ok() const { return errors.isEmpty(); }
};
ParsedClient clientFromJson(const nlohmann::json &object);

} // namespace pathway
