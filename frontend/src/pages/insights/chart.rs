//! Plain SVG geometry shared by the trend and forecast charts: a fixed viewBox the browser
//! scales to the card's width, value→pixel scales and path strings.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::{Lang, format_compact, format_day_month, format_percent};

/// The drawing's size in viewBox units; CSS scales it to the available width.
pub const WIDTH: f64 = 480.0;
/// See [`WIDTH`].
pub const HEIGHT: f64 = 220.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

/// Maps bucket indices and values onto the plot area.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    count: usize,
    low: f64,
    high: f64,
}

impl Scale {
    /// A scale for `count` buckets whose values span `values` (zero included when all are
    /// positive, so bars of growth are not exaggerated).
    pub fn new(count: usize, values: impl Iterator<Item = f64>) -> Self {
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.filter(|v| v.is_finite()) {
            low = low.min(v);
            high = high.max(v);
        }
        if !low.is_finite() {
            (low, high) = (0.0, 1.0);
        }
        low = low.min(0.0);
        if (high - low).abs() < f64::EPSILON {
            high = low + 1.0;
        }
        Self { count, low, high }
    }

    /// The x of bucket `index`.
    pub fn x(&self, index: f64) -> f64 {
        let span = (self.count.max(2) - 1) as f64;
        LEFT + (WIDTH - LEFT - RIGHT) * index / span
    }

    /// The y of `value`.
    pub fn y(&self, value: f64) -> f64 {
        let share = (value - self.low) / (self.high - self.low);
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - share)
    }

    /// A polyline through `(index, value)` points as SVG path data.
    pub fn line(&self, points: impl Iterator<Item = (f64, f64)>) -> String {
        let mut path = String::new();
        for (i, (index, value)) in points.filter(|(_, v)| v.is_finite()).enumerate() {
            let command = if i == 0 { 'M' } else { 'L' };
            path.push_str(&format!("{command}{:.1} {:.1} ", self.x(index), self.y(value)));
        }
        path.trim_end().to_owned()
    }

    /// A closed band between `low` and `high` at each index, as SVG path data.
    pub fn band(&self, points: &[(f64, f64, f64)]) -> String {
        if points.is_empty() {
            return String::new();
        }
        let upper = self.line(points.iter().map(|&(i, _, high)| (i, high)));
        let lower: Vec<String> = points
            .iter()
            .rev()
            .map(|&(i, low, _)| format!("L{:.1} {:.1}", self.x(i), self.y(low)))
            .collect();
        format!("{upper} {} Z", lower.join(" "))
    }
}

/// Grid lines with value labels (shares as percentages, others shortened) and the first, middle and last dates under the plot.
#[component]
pub fn Axes(scale: Scale, dates: Vec<NaiveDate>, lang: Lang, percent: bool) -> impl IntoView {
    let ticks: Vec<f64> = (0..=3)
        .map(|k| scale.low + (scale.high - scale.low) * k as f64 / 3.0)
        .collect();
    let last = dates.len().saturating_sub(1);
    let mut marks = vec![0, last / 2, last];
    marks.dedup();
    view! {
        <g class="chart-axes" aria-hidden="true">
            {ticks
                .into_iter()
                .map(|t| {
                    let y = scale.y(t);
                    view! {
                        <line x1=LEFT x2=WIDTH - RIGHT y1=y y2=y class="chart-grid" />
                        <text x=LEFT - 6.0 y=y + 4.0 text-anchor="end" class="chart-label">
                            {if percent { format_percent(t, lang, false) } else { format_compact(t, lang) }}
                        </text>
                    }
                })
                .collect_view()}
            {marks
                .into_iter()
                .filter_map(|i| dates.get(i).map(|d| (i, *d)))
                .map(|(i, d)| {
                    let anchor = if i == 0 { "start" } else if i == last { "end" } else { "middle" };
                    view! {
                        <text x=scale.x(i as f64) y=HEIGHT - 6.0 text-anchor=anchor class="chart-label">
                            {format_day_month(d, lang)}
                        </text>
                    }
                })
                .collect_view()}
        </g>
    }
}

/// The median of `values` (0 when empty).
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
        assert_eq!(median(&mut []), 0.0);
    }

    #[test]
    fn a_line_spans_the_plot_from_left_to_right_with_zero_at_the_bottom() {
        let scale = Scale::new(3, [0.0, 5.0, 10.0].into_iter());
        let path = scale.line([(0.0, 0.0), (1.0, 5.0), (2.0, 10.0)].into_iter());
        assert_eq!(
            path,
            format!(
                "M{LEFT:.1} {:.1} L{:.1} {:.1} L{:.1} {TOP:.1}",
                HEIGHT - BOTTOM,
                (LEFT + WIDTH - RIGHT) / 2.0,
                (TOP + HEIGHT - BOTTOM) / 2.0,
                WIDTH - RIGHT
            )
        );
    }

    #[test]
    fn missing_values_are_skipped_and_a_flat_series_still_has_a_height() {
        let scale = Scale::new(2, [3.0, 3.0].into_iter());
        assert!(scale.y(3.0).is_finite());
        assert!(scale.line([(0.0, f64::NAN), (1.0, 3.0)].into_iter()).starts_with('M'));
    }

    #[test]
    fn a_band_goes_along_the_highs_and_back_along_the_lows() {
        let scale = Scale::new(2, [0.0, 10.0].into_iter());
        let band = scale.band(&[(0.0, 2.0, 8.0), (1.0, 1.0, 9.0)]);
        assert!(band.starts_with('M') && band.ends_with('Z'));
        assert_eq!(band.matches('L').count(), 3);
        assert_eq!(scale.band(&[]), "");
    }
}
