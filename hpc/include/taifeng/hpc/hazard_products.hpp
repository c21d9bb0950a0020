#pragma once
// From the solver's products to the warnings stage's hazard (warnings/hazard.hpp): the
// probability of each signal rule's criterion per cell, from the ensemble or, without one,
// from the deterministic forecast (0 or 1).
//
// A rule "mean >= W or gust >= G within H hours" is one criterion on the mean wind at a cell,
// because the gust is the mean times the cell's gust factor (land or sea; WMO/TD-1555):
// mean >= min(W, G / factor). The ensemble therefore counts those effective thresholds.
#include <cstdint>
#include <vector>

#include "taifeng/solver/monte_carlo.hpp"
#include "taifeng/solver/wind_field.hpp"
#include "taifeng/warnings/hazard.hpp"
#include "taifeng/warnings/signals.hpp"

namespace taifeng::hpc {

// Effective mean-wind threshold of a rule over land or sea.
double effective_threshold_ms(const warnings::SignalRule& rule, WindAveraging avg, bool land);

// The ensemble options: the default thresholds and windows plus every rule's effective
// thresholds (land and sea) and window.
solver::ProductOptions signal_product_options(const std::vector<warnings::SignalRule>& rules,
                                              WindAveraging avg);

// p_signal[rule][cell] from the ensemble products (made with signal_product_options).
std::vector<std::vector<double>> signal_probability_ensemble(
    const solver::WindProbabilityProducts& ens, const std::vector<warnings::SignalRule>& rules,
    const std::vector<std::uint8_t>& land, WindAveraging avg);

// p_signal[rule][cell] from the deterministic hourly fields: 1 where the criterion is met at
// an output time within the rule's window, else 0.
std::vector<std::vector<double>> signal_probability_deterministic(
    const std::vector<const double*>& hourly, const std::vector<double>& hours, std::size_t cells,
    const std::vector<warnings::SignalRule>& rules, const std::vector<std::uint8_t>& land,
    WindAveraging avg);

}  // namespace taifeng::hpc
