//! Deterministic synthetic sales series with a known trend, season and noise: for tests, the
//! forecast evaluation harness and demo data. A fixed seed always gives the same series.

use chrono::NaiveDate;

use crate::series::{Granularity, Series};

/// A small, fast, deterministic pseudo-random generator (SplitMix64, Steele et al. 2014).
/// Not for cryptography; good enough to make noise for tests.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose whole output is determined by `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller transform).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // in (0, 1]: ln never sees 0
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Recipe of a synthetic series: `level + slope·t + season[t mod season.len()] + noise`,
/// where noise is normal with standard deviation `noise`. Values are not clamped.
#[derive(Clone, Debug)]
pub struct Recipe {
    pub level: f64,
    pub slope: f64,
    /// Additive seasonal effect per position in the season, aligned with bucket 0 (may be empty).
    pub season: Vec<f64>,
    pub noise: f64,
    pub seed: u64,
}

impl Recipe {
    /// The series of `len` buckets starting at the bucket of `start`.
    pub fn series(&self, granularity: Granularity, start: NaiveDate, len: usize) -> Series {
        let mut random = SplitMix64::new(self.seed);
        let values = (0..len)
            .map(|t| {
                let seasonal = if self.season.is_empty() {
                    0.0
                } else {
                    self.season[t % self.season.len()]
                };
                self.level + self.slope * t as f64 + seasonal + self.noise * random.normal()
            })
            .collect();
        Series {
            granularity,
            start: granularity.bucket_start(start),
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_the_same_numbers_and_noise_is_roughly_standard() {
        let draws: Vec<f64> = {
            let mut random = SplitMix64::new(7);
            (0..20_000).map(|_| random.normal()).collect()
        };
        let mut again = SplitMix64::new(7);
        assert_eq!(draws[0], again.normal());
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let variance = draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / draws.len() as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((variance - 1.0).abs() < 0.05, "variance {variance}");
    }
}
