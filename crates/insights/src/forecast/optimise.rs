//! Parameter fitting for the smoothing models: a coarse grid, then Nelder–Mead from the best
//! grid point, inside a box (points outside the box are projected onto it).

/// Minimises `cost` over the box `[lower, upper]`: evaluates every point of `grid` (the cartesian
/// product of the per-parameter grids), then refines the best one with Nelder–Mead (Nelder & Mead
/// 1965; reflection 1, expansion 2, contraction ½, shrink ½) for at most `max_evaluations` more
/// evaluations. Non-finite costs count as +∞. Returns the best point and its cost.
pub(crate) fn minimise(
    cost: impl Fn(&[f64]) -> f64,
    grid: &[&[f64]],
    lower: &[f64],
    upper: &[f64],
    max_evaluations: usize,
) -> (Vec<f64>, f64) {
    let dims = grid.len();
    let project = |x: &[f64]| -> Vec<f64> {
        x.iter()
            .zip(lower)
            .zip(upper)
            .map(|((v, l), u)| v.clamp(*l, *u))
            .collect()
    };
    let evaluate = |x: &[f64]| -> f64 {
        let c = cost(&project(x));
        if c.is_finite() { c } else { f64::INFINITY }
    };

    let mut best = (
        grid.iter()
            .map(|g| g.first().copied().unwrap_or(0.0))
            .collect::<Vec<_>>(),
        f64::INFINITY,
    );
    let mut index = vec![0usize; dims];
    loop {
        let point: Vec<f64> = index.iter().zip(grid).map(|(i, g)| g[*i]).collect();
        let c = evaluate(&point);
        if c < best.1 {
            best = (point, c);
        }
        // Odometer increment over the grid.
        let mut d = 0;
        while d < dims {
            index[d] += 1;
            if index[d] < grid[d].len() {
                break;
            }
            index[d] = 0;
            d += 1;
        }
        if d == dims {
            break;
        }
    }
    if dims == 0 || !best.1.is_finite() {
        return (project(&best.0), best.1);
    }

    let mut simplex: Vec<(Vec<f64>, f64)> = vec![best.clone()];
    for d in 0..dims {
        let mut vertex = best.0.clone();
        let step = 0.1 * (upper[d] - lower[d]);
        vertex[d] = if vertex[d] + step <= upper[d] {
            vertex[d] + step
        } else {
            vertex[d] - step
        };
        let c = evaluate(&vertex);
        simplex.push((vertex, c));
    }
    let mut evaluations = dims;
    while evaluations < max_evaluations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best_cost, worst_cost) = (simplex[0].1, simplex[dims].1);
        if (worst_cost - best_cost).abs() <= 1e-10 * (best_cost.abs() + 1e-12) {
            break;
        }
        let centroid: Vec<f64> = (0..dims)
            .map(|d| simplex[..dims].iter().map(|(x, _)| x[d]).sum::<f64>() / dims as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..dims)
                .map(|d| centroid[d] + t * (simplex[dims].0[d] - centroid[d]))
                .collect()
        };
        let reflected = along(-1.0);
        let reflected_cost = evaluate(&reflected);
        evaluations += 1;
        if reflected_cost < simplex[0].1 {
            let expanded = along(-2.0);
            let expanded_cost = evaluate(&expanded);
            evaluations += 1;
            simplex[dims] = if expanded_cost < reflected_cost {
                (expanded, expanded_cost)
            } else {
                (reflected, reflected_cost)
            };
        } else if reflected_cost < simplex[dims - 1].1 {
            simplex[dims] = (reflected, reflected_cost);
        } else {
            let contracted = along(0.5);
            let contracted_cost = evaluate(&contracted);
            evaluations += 1;
            if contracted_cost < worst_cost {
                simplex[dims] = (contracted, contracted_cost);
            } else {
                let anchor = simplex[0].0.clone();
                for vertex in simplex.iter_mut().skip(1) {
                    let shrunk: Vec<f64> = vertex.0.iter().zip(&anchor).map(|(v, a)| a + 0.5 * (v - a)).collect();
                    let c = evaluate(&shrunk);
                    *vertex = (shrunk, c);
                }
                evaluations += dims;
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (x, c) = simplex.swap_remove(0);
    (project(&x), c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_bowl_inside_the_box() {
        let cost = |x: &[f64]| (x[0] - 0.37).powi(2) + 3.0 * (x[1] - 0.81).powi(2);
        let (x, c) = minimise(
            cost,
            &[&[0.1, 0.5, 0.9], &[0.1, 0.5, 0.9]],
            &[0.0, 0.0],
            &[1.0, 1.0],
            300,
        );
        assert!((x[0] - 0.37).abs() < 1e-3 && (x[1] - 0.81).abs() < 1e-3, "{x:?}");
        assert!(c < 1e-6);
    }

    #[test]
    fn a_minimum_outside_the_box_ends_on_its_edge() {
        let cost = |x: &[f64]| (x[0] - 2.0).powi(2);
        let (x, _) = minimise(cost, &[&[0.2, 0.8]], &[0.0], &[1.0], 200);
        assert!((x[0] - 1.0).abs() < 1e-6, "{x:?}");
    }
}
