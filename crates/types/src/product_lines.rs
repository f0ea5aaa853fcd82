//! A purchase's items as product lines, the unit product figures add up: items of one product
//! (its SKU, else its name in lower case) merged, quantity in thousandths, revenue exact in minor
//! units (each item's quantity × unit price rounded half up). The server keeps them per purchase
//! so a period's best-selling products are a `GROUP BY`, and the migration that introduced them
//! computed the lines of older purchases the same way.

use crate::money::parse_minor;
use crate::purchases::PurchaseItem;

/// Quantities are kept with this many decimals.
pub const QUANTITY_DECIMALS: u32 = 3;

/// One product's share of one purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductLine {
    /// The SKU, or `name:` and the name in lower case when the item has no SKU.
    pub key: String,
    pub sku: Option<String>,
    /// The name of the product's first item in the purchase.
    pub name: String,
    pub quantity_milli: i64,
    pub revenue_minor: i64,
}

/// The lines of a purchase in a currency with `exponent` decimals, in the order their products
/// first appear; items whose quantity or price is not a decimal are left out.
pub fn product_lines(items: &[PurchaseItem], exponent: u32) -> Vec<ProductLine> {
    let scale = 10i128.pow(QUANTITY_DECIMALS);
    let mut lines: Vec<ProductLine> = Vec::new();
    for item in items {
        let (Ok(quantity), Ok(price)) = (
            parse_minor(&item.quantity, QUANTITY_DECIMALS),
            parse_minor(&item.unit_price, exponent),
        ) else {
            continue;
        };
        let revenue = (2 * i128::from(quantity) * i128::from(price) + scale) / (2 * scale);
        let revenue = i64::try_from(revenue).unwrap_or(i64::MAX);
        let key = item
            .sku
            .clone()
            .unwrap_or_else(|| format!("name:{}", item.name.to_lowercase()));
        match lines.iter_mut().find(|line| line.key == key) {
            Some(line) => {
                line.quantity_milli = line.quantity_milli.saturating_add(quantity);
                line.revenue_minor = line.revenue_minor.saturating_add(revenue);
            }
            None => lines.push(ProductLine {
                key,
                sku: item.sku.clone(),
                name: item.name.clone(),
                quantity_milli: quantity,
                revenue_minor: revenue,
            }),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(sku: Option<&str>, name: &str, quantity: &str, unit_price: &str) -> PurchaseItem {
        PurchaseItem {
            sku: sku.map(Into::into),
            name: name.into(),
            quantity: quantity.into(),
            unit_price: unit_price.into(),
        }
    }

    #[test]
    fn items_of_one_product_merge_and_each_rounds_half_up() {
        let lines = product_lines(
            &[
                item(Some("A-1"), "Brick", "2.5", "0.33"),
                item(None, "Nails", "1", "10"),
                item(Some("A-1"), "Brick (red)", "1", "0.01"),
                item(None, "NAILS", "0.001", "1"),
            ],
            2,
        );
        // 2.5 × 0.33 = 0.825 → 83 minor; + 1 × 0.01; nails by name, any case.
        assert_eq!(
            lines,
            vec![
                ProductLine {
                    key: "A-1".into(),
                    sku: Some("A-1".into()),
                    name: "Brick".into(),
                    quantity_milli: 3_500,
                    revenue_minor: 84,
                },
                ProductLine {
                    key: "name:nails".into(),
                    sku: None,
                    name: "Nails".into(),
                    quantity_milli: 1_001,
                    revenue_minor: 1_000,
                },
            ]
        );
    }

    #[test]
    fn malformed_items_are_left_out_and_yen_has_no_decimals() {
        let lines = product_lines(&[item(None, "X", "one", "1"), item(Some("Y"), "Y", "3", "150")], 0);
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].quantity_milli, lines[0].revenue_minor), (3_000, 450));
    }
}
