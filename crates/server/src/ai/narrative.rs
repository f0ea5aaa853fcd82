//! The sales report told in words, composed from its figures by rules, in the company's
//! language. Every number in the text is one of the report's figures.

use voronka_types::Money;
use voronka_types::ai::{CountFigure, Metric, MoneyFigure, SalesReport, Segment, TrendDirection};

/// Money as people read it: `1 234 567,50 RUB` in Russian, `1,234,567.50 RUB` in English.
pub fn money(value: &Money, language: &str) -> String {
    let (whole, fraction) = value.amount.split_once('.').unwrap_or((&value.amount, ""));
    let (separator, point) = if language == "ru" { ('\u{a0}', ',') } else { (',', '.') };
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) && digit.is_ascii_digit() {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    if !fraction.is_empty() && fraction.bytes().any(|b| b != b'0') {
        grouped.push(point);
        grouped.push_str(fraction);
    }
    format!("{grouped}\u{a0}{}", value.currency)
}

/// `+12 %` / `−3 %` (whole percents).
pub fn percent_change(change: f64) -> String {
    let rounded = (change * 100.0).round();
    if rounded > 0.0 {
        format!("+{rounded}\u{a0}%")
    } else {
        format!("{}\u{a0}%", rounded).replace('-', "−")
    }
}

/// `38 %`.
pub fn percent(share: f64) -> String {
    format!("{}\u{a0}%", (share * 100.0).round())
}

fn against_before(change: Option<f64>, ru: bool) -> String {
    match change {
        Some(c) if (c * 100.0).round() == 0.0 => (if ru {
            " (как в прошлом периоде)"
        } else {
            " (same as the previous period)"
        })
        .to_owned(),
        Some(c) => {
            if ru {
                format!(" ({} к прошлому периоду)", percent_change(c))
            } else {
                format!(" ({} on the previous period)", percent_change(c))
            }
        }
        None => String::new(),
    }
}

fn count_line(figure: &CountFigure, ru: bool, label_ru: &str, label_en: &str) -> String {
    let label = if ru { label_ru } else { label_en };
    format!("{label}: {}{}", figure.value, against_before(figure.change, ru))
}

fn money_line(figure: &MoneyFigure, language: &str, label_ru: &str, label_en: &str) -> Option<String> {
    let ru = language == "ru";
    let value = figure.value.as_ref()?;
    let label = if ru { label_ru } else { label_en };
    Some(format!(
        "{label}: {}{}",
        money(value, language),
        against_before(figure.change, ru)
    ))
}

/// "going up (+12 %)": the revenue trend of the period, when it is significant.
pub fn revenue_trend(report: &SalesReport, ru: bool) -> Option<String> {
    let trend = report
        .trends
        .iter()
        .find(|t| t.metric == Metric::Revenue && t.significant)?;
    let direction = match (trend.direction, ru) {
        (TrendDirection::Up, true) => "растёт",
        (TrendDirection::Up, false) => "going up",
        (TrendDirection::Down, true) => "снижается",
        (TrendDirection::Down, false) => "going down",
        (TrendDirection::Flat, _) => return None,
    };
    Some(match trend.relative_change {
        Some(change) => format!("{direction} ({})", percent_change(change)),
        None => direction.to_owned(),
    })
}

/// "12,300 RUB from 2026-12-01 to 2026-12-31 (likely 9,000 RUB – 15,600 RUB)": the revenue
/// forecast after the period, when there is one.
pub fn revenue_forecast(report: &SalesReport, language: &str) -> Option<String> {
    let f = &report.forecast;
    let (value, low, high, period) = (f.value.as_ref()?, f.low80.as_ref()?, f.high80.as_ref()?, f.period?);
    let (value, low, high) = (money(value, language), money(low, language), money(high, language));
    Some(if language == "ru" {
        format!(
            "{value} с {} по {} (вероятно, от {low} до {high})",
            period.from, period.to
        )
    } else {
        format!("{value} from {} to {} (likely {low} – {high})", period.from, period.to)
    })
}

/// The report in a few sentences.
pub fn compose(report: &SalesReport, language: &str) -> String {
    let ru = language == "ru";
    let f = &report.figures;
    let mut lines = Vec::new();
    let period = format!("{} – {}", report.period.from, report.period.to);
    if f.orders.value == 0 {
        lines.push(if ru {
            format!("С {period} покупок в {} не было.", report.currency)
        } else {
            format!("No purchases in {} from {period}.", report.currency)
        });
    } else {
        lines.push(if ru {
            format!("Период {period}.")
        } else {
            format!("Period {period}.")
        });
        lines.extend(money_line(&f.revenue, language, "Выручка", "Revenue"));
        lines.push(count_line(&f.orders, ru, "Заказов", "Orders"));
        lines.push(count_line(&f.customers, ru, "Покупателей", "Customers"));
        lines.push(if ru {
            format!(
                "Из них новых: {}, вернувшихся: {}",
                f.new_customers.value, f.returning_customers.value
            )
        } else {
            format!(
                "New: {}, returning: {}",
                f.new_customers.value, f.returning_customers.value
            )
        });
        lines.extend(money_line(
            &f.average_order_value,
            language,
            "Средний чек",
            "Average order value",
        ));
        if let Some(rate) = f.repeat_purchase_rate.value {
            lines.push(if ru {
                format!("Доля повторных покупателей: {}", percent(rate))
            } else {
                format!("Repeat-purchase rate: {}", percent(rate))
            });
        }
        if let Some(top) = report.top_customers.first() {
            lines.push(if ru {
                format!(
                    "Крупнейший покупатель — {} ({})",
                    top.name,
                    money(&top.revenue, language)
                )
            } else {
                format!("Top customer: {} ({})", top.name, money(&top.revenue, language))
            });
        }
        if let Some(top) = report.top_products.first() {
            lines.push(if ru {
                format!("Лучший товар — {} ({})", top.name, money(&top.revenue, language))
            } else {
                format!("Best-selling product: {} ({})", top.name, money(&top.revenue, language))
            });
        }
    }
    if let Some(best) = report
        .leads_by_source
        .iter()
        .filter(|s| s.leads >= 5)
        .max_by(|a, b| a.conversion.total_cmp(&b.conversion))
    {
        lines.push(if ru {
            format!(
                "Лучше всего конвертируются заявки из «{}»: {} из {} ({})",
                best.source,
                best.won,
                best.leads,
                percent(best.conversion)
            )
        } else {
            format!(
                "Leads from “{}” convert best: {} of {} ({})",
                best.source,
                best.won,
                best.leads,
                percent(best.conversion)
            )
        });
    }
    let at_risk: u64 = report
        .segments
        .iter()
        .filter(|s| matches!(s.segment, Segment::AtRisk | Segment::CantLose))
        .map(|s| s.customers)
        .sum();
    if at_risk > 0 {
        lines.push(if ru {
            format!("Под угрозой ухода: {at_risk} покупателей, которые раньше покупали часто")
        } else {
            format!("{at_risk} once-frequent customers are at risk of leaving")
        });
    }
    if let Some(trend) = revenue_trend(report, ru) {
        lines.push(if ru {
            format!("Выручка за период {trend}")
        } else {
            format!("Revenue is {trend} over the period")
        });
    }
    if let Some(forecast) = revenue_forecast(report, language) {
        lines.push(if ru {
            format!("Прогноз выручки: {forecast}")
        } else {
            format!("Revenue forecast: {forecast}")
        });
    }
    if let Some(first) = report.recommendations.first() {
        lines.push(if ru {
            format!("Главное, что стоит сделать: {}", first.title)
        } else {
            format!("First thing to do: {}", first.title)
        });
    }
    lines.join(". ").replace("..", ".") + "."
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(amount: &str) -> Money {
        Money {
            amount: amount.into(),
            currency: "RUB".into(),
        }
    }

    #[test]
    fn money_is_grouped_in_each_language() {
        assert_eq!(money(&rub("1234567.50"), "ru"), "1\u{a0}234\u{a0}567,50\u{a0}RUB");
        assert_eq!(money(&rub("1234567.50"), "en"), "1,234,567.50\u{a0}RUB");
        assert_eq!(money(&rub("999.00"), "en"), "999\u{a0}RUB");
        assert_eq!(money(&rub("1000"), "en"), "1,000\u{a0}RUB");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(percent_change(0.123), "+12\u{a0}%");
        assert_eq!(percent_change(-0.034), "−3\u{a0}%");
        assert_eq!(percent(0.375), "38\u{a0}%");
    }
}
