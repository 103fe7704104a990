//! Paths → axis-aligned ruling segments.
//!
//! A path is built in user space (the CTM applied as each point is added). When it is painted,
//! stroked straight pieces that are horizontal or vertical become segments (a stroked rectangle
//! gives its four edges), and filled rectangles thinner than a threshold become one segment
//! along their long axis. Curves break a subpath; other shapes are ignored.

use super::matrix::Matrix;

/// How far from exactly horizontal/vertical a piece may be, in points.
const AXIS_TOLERANCE: f32 = 0.5;
/// Shortest segment kept, in points.
const MIN_LENGTH: f32 = 0.5;

/// An axis-aligned segment in user space (y up), before page normalisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawSegment {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

#[derive(Debug, Clone, Default)]
struct Subpath {
    points: Vec<(f32, f32)>,
    closed: bool,
    /// Contains a Bézier piece: not a ruling candidate.
    has_curve: bool,
}

/// The path under construction.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathBuilder {
    subpaths: Vec<Subpath>,
    /// Points added since the last paint; bounded by the caller's limit.
    pub point_count: usize,
}

impl PathBuilder {
    /// `m`: start a subpath.
    pub fn move_to(&mut self, ctm: &Matrix, x: f32, y: f32) {
        self.subpaths.push(Subpath { points: vec![ctm.apply(x, y)], ..Default::default() });
        self.point_count += 1;
    }

    /// `l`: a straight piece.
    pub fn line_to(&mut self, ctm: &Matrix, x: f32, y: f32) {
        let point = ctm.apply(x, y);
        match self.subpaths.last_mut() {
            Some(subpath) if !subpath.closed => subpath.points.push(point),
            _ => self.subpaths.push(Subpath { points: vec![point], ..Default::default() }),
        }
        self.point_count += 1;
    }

    /// `c`, `v`, `y`: a curve to `(x, y)`; the subpath is no longer a ruling candidate.
    pub fn curve_to(&mut self, ctm: &Matrix, x: f32, y: f32) {
        self.line_to(ctm, x, y);
        if let Some(subpath) = self.subpaths.last_mut() {
            subpath.has_curve = true;
        }
    }

    /// `h`: close the current subpath.
    pub fn close(&mut self) {
        if let Some(subpath) = self.subpaths.last_mut() {
            subpath.closed = true;
        }
    }

    /// `re`: a closed rectangle.
    pub fn rectangle(&mut self, ctm: &Matrix, x: f32, y: f32, width: f32, height: f32) {
        let corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)];
        let points = corners.iter().map(|(px, py)| ctm.apply(*px, *py)).collect();
        self.subpaths.push(Subpath { points, closed: true, has_curve: false });
        self.point_count += 4;
    }

    /// Paint the path (stroke and/or fill), appending ruling segments, and start a new path.
    pub fn paint(&mut self, stroke: bool, fill: bool, close_first: bool, thin_fill: f32, out: &mut Vec<RawSegment>) {
        for subpath in std::mem::take(&mut self.subpaths) {
            if subpath.has_curve {
                continue;
            }
            let closed = subpath.closed || close_first;
            if stroke {
                stroke_segments(&subpath.points, closed, out);
            }
            if fill && !stroke {
                if let Some(segment) = thin_rectangle(&subpath.points, thin_fill) {
                    out.push(segment);
                }
            }
        }
        self.point_count = 0;
    }

    /// `n` or a clip-only path: discard.
    pub fn discard(&mut self) {
        self.subpaths.clear();
        self.point_count = 0;
    }
}

fn stroke_segments(points: &[(f32, f32)], closed: bool, out: &mut Vec<RawSegment>) {
    let closing =
        if closed && points.len() > 2 { points.first().zip(points.last()).map(|(a, b)| (*b, *a)) } else { None };
    let pieces = points.windows(2).map(|pair| (pair[0], pair[1])).chain(closing);
    for (from, to) in pieces {
        if let Some(segment) = axis_segment(from, to) {
            out.push(segment);
        }
    }
}

fn axis_segment(from: (f32, f32), to: (f32, f32)) -> Option<RawSegment> {
    let (dx, dy) = ((to.0 - from.0).abs(), (to.1 - from.1).abs());
    if dy <= AXIS_TOLERANCE && dx >= MIN_LENGTH {
        let y = (from.1 + to.1) / 2.0;
        Some(RawSegment { x0: from.0.min(to.0), y0: y, x1: from.0.max(to.0), y1: y })
    } else if dx <= AXIS_TOLERANCE && dy >= MIN_LENGTH {
        let x = (from.0 + to.0) / 2.0;
        Some(RawSegment { x0: x, y0: from.1.min(to.1), x1: x, y1: from.1.max(to.1) })
    } else {
        None
    }
}

/// A filled axis-aligned rectangle no thicker than `thin` → its centre line.
fn thin_rectangle(points: &[(f32, f32)], thin: f32) -> Option<RawSegment> {
    let mut points = points.to_vec();
    if points.len() == 5 && points.first() == points.last() {
        points.pop();
    }
    if points.len() != 4 {
        return None;
    }
    let aligned = (0..4).all(|i| {
        let (a, b) = (points[i], points[(i + 1) % 4]);
        (a.0 - b.0).abs() <= AXIS_TOLERANCE || (a.1 - b.1).abs() <= AXIS_TOLERANCE
    });
    if !aligned {
        return None;
    }
    let (min_x, max_x) = points.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let (min_y, max_y) = points.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let (width, height) = (max_x - min_x, max_y - min_y);
    if height <= thin && width >= MIN_LENGTH && width >= height {
        let y = (min_y + max_y) / 2.0;
        Some(RawSegment { x0: min_x, y0: y, x1: max_x, y1: y })
    } else if width <= thin && height >= MIN_LENGTH {
        let x = (min_x + max_x) / 2.0;
        Some(RawSegment { x0: x, y0: min_y, x1: x, y1: max_y })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stroked_rectangle_gives_four_edges_and_thin_fill_gives_one() {
        let mut path = PathBuilder::default();
        let mut out = Vec::new();
        path.rectangle(&Matrix::IDENTITY, 10.0, 10.0, 100.0, 20.0);
        path.paint(true, false, false, 2.0, &mut out);
        assert_eq!(out.len(), 4);
        out.clear();
        path.rectangle(&Matrix::IDENTITY, 10.0, 10.0, 100.0, 0.5);
        path.rectangle(&Matrix::IDENTITY, 10.0, 10.0, 100.0, 20.0);
        path.paint(false, true, false, 2.0, &mut out);
        assert_eq!(out, vec![RawSegment { x0: 10.0, y0: 10.25, x1: 110.0, y1: 10.25 }]);
    }

    #[test]
    fn diagonal_and_curved_pieces_are_not_rulings() {
        let mut path = PathBuilder::default();
        let mut out = Vec::new();
        path.move_to(&Matrix::IDENTITY, 0.0, 0.0);
        path.line_to(&Matrix::IDENTITY, 50.0, 50.0);
        path.line_to(&Matrix::IDENTITY, 100.0, 50.0);
        path.paint(true, false, false, 2.0, &mut out);
        assert_eq!(out, vec![RawSegment { x0: 50.0, y0: 50.0, x1: 100.0, y1: 50.0 }]);
    }
}
