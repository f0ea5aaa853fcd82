//! Sales forecasts with prediction intervals, the model chosen per series by backtest.
//!
//! Candidates (simplest first): naive, seasonal naive, Theta, Holt (damped trend) and additive
//! Holt–Winters (damped trend). The seasonal ones (seasonal naive, Holt–Winters, and Theta's
//! seasonal adjustment) take part only when the history covers [`seasonal_min_history`] buckets;
//! the season is [`Granularity::season_length`]. Each candidate is scored by a rolling-origin
//! backtest ([`backtest`]); the lowest mean MASE wins, ties go to the simpler model. The winner is
//! refitted on the whole history; intervals come from its observed errors ([`intervals`]).
//!
//! Input handling: leading non-finite values are dropped, later ones are replaced by the previous
//! value; only the last [`MAX_HISTORY`] buckets are used; values are divided by the largest
//! magnitude during the computation (no overflow). When the history has no negative values (every
//! CRM metric: counts, revenue, conversion), forecasts and bounds are clamped at 0, since sales
//! cannot be negative. At most [`MAX_HORIZON`] points are produced (the server rejects more).

pub mod backtest;
mod exponential_smoothing;
pub mod intervals;
mod naive;
mod optimise;
mod theta;

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::series::{Granularity, Series};
use intervals::Offsets;

/// Fewest finite observations for any forecast (non-seasonal models, ≥ 2 backtest points).
pub const MIN_HISTORY: usize = 8;
/// Most buckets a forecast produces; longer horizons are cut to this.
pub const MAX_HORIZON: usize = 366;
/// Most recent buckets used for fitting (older ones add little and cost time).
pub const MAX_HISTORY: usize = 1500;

/// Fewest buckets for the seasonal models: two full seasons to train on (at least 8) plus 2 to
/// test: day 16, week 106, month 26.
pub fn seasonal_min_history(granularity: Granularity) -> usize {
    seasonal_min_train(granularity.season_length()) + 2
}

fn seasonal_min_train(season: usize) -> usize {
    (2 * season).max(MIN_HISTORY)
}

/// Training buckets each non-seasonal backtest origin keeps at least.
const MIN_TRAIN: usize = 6;

/// The history is too short for an honest forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct NotEnoughData {
    /// Finite observations available.
    pub points: usize,
    /// Observations needed.
    pub needed: usize,
}

impl fmt::Display for NotEnoughData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not enough data: {} points, need {}", self.points, self.needed)
    }
}

impl std::error::Error for NotEnoughData {}

/// A forecasting model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// The value one season ago (Granularity::season_length buckets).
    SeasonalNaive,
    /// The last value; the baseline when no season fits.
    Naive,
    /// Additive Holt–Winters with a damped trend, ETS(A,Ad,A).
    HoltWinters,
    /// Holt's linear method with a damped trend, ETS(A,Ad,N) (no season).
    Holt,
    /// The Theta method (seasonally adjusted when a season fits).
    Theta,
}

impl Model {
    /// Stable identifier, equal to the serialized form.
    pub fn name(&self) -> &'static str {
        match self {
            Model::SeasonalNaive => "seasonal_naive",
            Model::Naive => "naive",
            Model::HoltWinters => "holt_winters",
            Model::Holt => "holt",
            Model::Theta => "theta",
        }
    }

    /// Number of fitted parameters, used to break ties in favour of the simpler model.
    fn complexity(self) -> usize {
        match self {
            Model::Naive => 0,
            Model::SeasonalNaive => 1,
            Model::Theta => 2,
            Model::Holt => 3,
            Model::HoltWinters => 4,
        }
    }
}

/// One forecast bucket.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForecastPoint {
    /// Bucket start, continuing the series' buckets.
    pub date: NaiveDate,
    pub value: f64,
    pub low80: f64,
    pub high80: f64,
    pub low95: f64,
    pub high95: f64,
}

/// How the models did in the rolling-origin backtest.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backtest {
    /// Number of forecast origins.
    pub origins: usize,
    /// Buckets forecast from each origin (the requested horizon, shortened to the test part).
    pub horizon: usize,
    /// Chosen model's mean MASE (errors scaled by the in-sample seasonal naive MAE, or naive when
    /// no season fits): below 1 beats that baseline.
    pub mase: f64,
    /// Every model tried with its mean MASE, simplest first.
    pub candidates: Vec<(Model, f64)>,
}

/// A forecast: the chosen model, `horizon` points and the backtest evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Forecast {
    /// The chosen one.
    pub model: Model,
    /// Exactly `horizon` points (at most [`MAX_HORIZON`]); dates continue the series' buckets.
    pub points: Vec<ForecastPoint>,
    pub backtest: Backtest,
}

/// What a model produced: `forecast` for the requested horizon and the in-sample one-step errors.
pub(crate) struct Fit {
    pub forecast: Vec<f64>,
    pub one_step_errors: Vec<f64>,
}

/// Fits `model` on `history` and forecasts `horizon` buckets; `None` if the history is too
/// short for it or it produced non-finite values.
pub(crate) fn run_model(model: Model, history: &[f64], season: usize, horizon: usize) -> Option<Fit> {
    let fit = match model {
        Model::Naive => naive::naive(history, horizon),
        Model::SeasonalNaive => naive::seasonal_naive(history, season, horizon),
        Model::Theta => theta::theta(history, season, horizon),
        Model::Holt => exponential_smoothing::holt(history, horizon),
        Model::HoltWinters => exponential_smoothing::holt_winters(history, season, horizon),
    }?;
    fit.forecast.iter().all(|v| v.is_finite()).then_some(fit)
}

/// Forecasts the `horizon` buckets after the end of `series` with the model that did best in a
/// rolling-origin backtest. `Err` when the series has fewer than [`MIN_HISTORY`] finite values.
pub fn forecast(series: &Series, horizon: usize) -> Result<Forecast, NotEnoughData> {
    forecast_among(series, horizon, None)
}

/// Forecasts with one given `model` (its backtest is still run, for the intervals and the
/// stated MASE). `Err` also when the model is seasonal and the history is shorter than
/// [`seasonal_min_history`] (then `needed` is that number).
pub fn forecast_with(series: &Series, horizon: usize, model: Model) -> Result<Forecast, NotEnoughData> {
    forecast_among(series, horizon, Some(model))
}

fn forecast_among(series: &Series, horizon: usize, only: Option<Model>) -> Result<Forecast, NotEnoughData> {
    let points = series.values.iter().filter(|v| v.is_finite()).count();
    if points < MIN_HISTORY {
        return Err(NotEnoughData {
            points,
            needed: MIN_HISTORY,
        });
    }
    let (history, scale) = prepare(&series.values);
    let n = history.len();
    let season_length = series.granularity.season_length();
    let seasonal = n >= seasonal_min_history(series.granularity);
    let (season, min_train) = if seasonal {
        (season_length, seasonal_min_train(season_length))
    } else {
        (0, MIN_TRAIN)
    };
    let scale_lag = if seasonal { season } else { 1 };
    let not_enough = NotEnoughData {
        points,
        needed: MIN_HISTORY,
    };
    let plan = backtest::plan(n, min_train, horizon).ok_or(not_enough)?;

    let mut candidates = vec![Model::Naive, Model::Theta, Model::Holt];
    if seasonal {
        candidates.extend([Model::SeasonalNaive, Model::HoltWinters]);
    }
    if let Some(model) = only {
        if !candidates.contains(&model) {
            return Err(NotEnoughData {
                points,
                needed: seasonal_min_history(series.granularity),
            });
        }
        candidates = vec![model];
    }
    candidates.sort_by_key(|m| m.complexity());
    let mut scored = Vec::new();
    let mut best: Option<(Model, backtest::Evaluation)> = None;
    for model in candidates {
        let Some(evaluation) = backtest::evaluate(model, &history, season, scale_lag, &plan) else {
            continue;
        };
        scored.push((model, evaluation.mase));
        let better = match &best {
            None => true,
            Some((_, current)) => evaluation.mase < current.mase - 1e-9 * current.mase.abs().max(1.0),
        };
        if better {
            best = Some((model, evaluation));
        }
    }
    let (model, evaluation) = best.ok_or(not_enough)?;

    let wanted = horizon.min(MAX_HORIZON);
    let (model, fit, evaluation) = match run_model(model, &history, season, wanted) {
        Some(fit) => (model, fit, evaluation),
        None => {
            let fallback = backtest::evaluate(Model::Naive, &history, season, scale_lag, &plan).ok_or(not_enough)?;
            (
                Model::Naive,
                naive::naive(&history, wanted).ok_or(not_enough)?,
                fallback,
            )
        }
    };
    let offsets = Offsets::from_errors(&evaluation.errors, &fit.one_step_errors);
    let non_negative = history.iter().all(|v| *v >= 0.0);
    let unscale = |v: f64| {
        let v = (v * scale).clamp(-f64::MAX, f64::MAX);
        if non_negative { v.max(0.0) } else { v }
    };
    let points = fit
        .forecast
        .iter()
        .enumerate()
        .map(|(i, &value)| {
            let [low95, low80, high80, high95] = offsets.bounds(value, i + 1).map(unscale);
            ForecastPoint {
                date: series.date(series.len() + i),
                value: unscale(value),
                low80,
                high80,
                low95,
                high95,
            }
        })
        .collect();
    Ok(Forecast {
        model,
        points,
        backtest: Backtest {
            origins: plan.origins.len(),
            horizon: plan.horizon,
            mase: evaluation.mase,
            candidates: scored,
        },
    })
}

/// The usable history (leading non-finite values dropped, later ones carried forward, at most
/// [`MAX_HISTORY`] most recent buckets) divided by its largest magnitude, and that magnitude.
fn prepare(values: &[f64]) -> (Vec<f64>, f64) {
    let first = values.iter().position(|v| v.is_finite()).unwrap_or(values.len());
    let mut history = Vec::with_capacity(values.len() - first);
    let mut previous = 0.0;
    for v in &values[first..] {
        previous = if v.is_finite() { *v } else { previous };
        history.push(previous);
    }
    let history = history.split_off(history.len().saturating_sub(MAX_HISTORY));
    let scale = history.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let scale = if scale > 0.0 { scale } else { 1.0 };
    (history.iter().map(|v| v / scale).collect(), scale)
}

#[cfg(test)]
mod tests;
