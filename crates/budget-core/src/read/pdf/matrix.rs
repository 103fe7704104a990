//! 2-D affine matrices in PDF's row-vector convention: `[a b c d e f]` maps `(x, y)` to
//! `(a·x + c·y + e, b·x + d·y + f)`, and `A.then(B)` applies `A` first.

/// An affine transformation `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    /// The identity.
    pub const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    /// A matrix from its six numbers; a non-finite number makes the whole matrix the identity,
    /// so one broken operand cannot poison every later position with NaN.
    pub fn new(a: f32, b: f32, c: f32, d: f32, e: f32, f: f32) -> Matrix {
        if [a, b, c, d, e, f].iter().all(|v| v.is_finite()) {
            Matrix { a, b, c, d, e, f }
        } else {
            Matrix::IDENTITY
        }
    }

    /// A translation by `(x, y)`.
    pub fn translate(x: f32, y: f32) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    /// `self` followed by `next` (PDF writes this `self × next`).
    pub fn then(&self, next: &Matrix) -> Matrix {
        Matrix::new(
            self.a * next.a + self.b * next.c,
            self.a * next.b + self.b * next.d,
            self.c * next.a + self.d * next.c,
            self.c * next.b + self.d * next.d,
            self.e * next.a + self.f * next.c + next.e,
            self.e * next.b + self.f * next.d + next.f,
        )
    }

    /// Apply to a point.
    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn then_applies_left_matrix_first() {
        let scale = Matrix::new(2.0, 0.0, 0.0, 2.0, 0.0, 0.0);
        let shift = Matrix::translate(10.0, 5.0);
        assert_eq!(scale.then(&shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(&scale).apply(1.0, 1.0), (22.0, 12.0));
        assert_eq!(Matrix::new(f32::NAN, 0.0, 0.0, 1.0, 0.0, 0.0), Matrix::IDENTITY);
    }
}
