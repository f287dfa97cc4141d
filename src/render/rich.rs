//! The parts of the `rich` Python library that Keras 3's summary goes
//! through, reproduced exactly: cell widths, word wrapping with `fold` and
//! `ellipsis` overflow, justification, and `Table`'s column-width
//! arithmetic and box drawing (`box.HEAVY_HEAD`, `show_lines=True`,
//! padding `(0, 1)`).

/// Horizontal alignment of text in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Justify {
    /// rich's `"default"`: no padding.
    Default,
    Left,
    Center,
    Right,
}

/// What to do with a word wider than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    /// Split it across lines.
    Fold,
    /// Cut it and end with `…`.
    Ellipsis,
}

/// Terminal cells taken by one character (rich's `get_character_cell_size`,
/// for the ranges that occur in layer names: control characters and
/// combining marks take none, East Asian wide characters two).
fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    if (cp != 0 && cp < 32) || (0x7f..0xa0).contains(&cp) {
        return 0;
    }
    if cp < 0x300 {
        return 1;
    }
    const ZERO: &[(u32, u32)] = &[
        (0x0300, 0x036F),
        (0x0483, 0x0489),
        (0x0591, 0x05BD),
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x200B, 0x200F),
        (0x20D0, 0x20FF),
        (0xFE00, 0xFE0F),
        (0xFE20, 0xFE2F),
    ];
    const WIDE: &[(u32, u32)] = &[
        (0x1100, 0x115F),
        (0x231A, 0x231B),
        (0x2329, 0x232A),
        (0x2E80, 0x303E),
        (0x3041, 0x33FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xA000, 0xA4CF),
        (0xAC00, 0xD7A3),
        (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFF60),
        (0xFFE0, 0xFFE6),
        (0x1F300, 0x1F64F),
        (0x1F900, 0x1F9FF),
        (0x20000, 0x2FFFD),
        (0x30000, 0x3FFFD),
    ];
    if ZERO.iter().any(|(a, b)| (*a..=*b).contains(&cp)) {
        0
    } else if WIDE.iter().any(|(a, b)| (*a..=*b).contains(&cp)) {
        2
    } else {
        1
    }
}

/// A byte of 1s, and of high bits, in each of a word's eight bytes (the
/// byte scans below test eight bytes at a time).
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A unit of text the line breaker works on: a `char`, or a byte of
/// printable ASCII (one cell wide; only the space is whitespace), which
/// spares the common case the conversion to `char`s.
trait Cell: Copy {
    fn cells(self) -> usize;
    fn is_space(self) -> bool;

    /// The index of the first whitespace unit of `s`.
    fn find_space(s: &[Self]) -> Option<usize> {
        s.iter().position(|c| c.is_space())
    }

    /// The cells `s` takes.
    fn cell_len(s: &[Self]) -> usize {
        s.iter().map(|c| c.cells()).sum()
    }
}

impl Cell for char {
    fn cells(self) -> usize {
        char_width(self)
    }
    fn is_space(self) -> bool {
        self.is_whitespace()
    }
}

impl Cell for u8 {
    fn cells(self) -> usize {
        1
    }
    fn is_space(self) -> bool {
        self == b' '
    }

    /// A byte of printable ASCII is one cell.
    fn cell_len(s: &[u8]) -> usize {
        s.len()
    }

    /// Eight bytes at a time: the words of a summary's cells are long
    /// names (`separable_conv_1_pad_reduction_left1_stem_1`), scanned for
    /// the space that ends them.
    fn find_space(s: &[u8]) -> Option<usize> {
        let mut chunks = s.chunks_exact(8);
        let mut at: usize = 0;
        for chunk in &mut chunks {
            let Ok(word) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            // A zero byte of `w` is a space of the chunk (the usual
            // has-zero-byte test: exact for the lowest such byte, which is
            // the first one in little-endian order).
            let w = u64::from_le_bytes(word) ^ (ONES.wrapping_mul(u64::from(b' ')));
            let zero = w.wrapping_sub(ONES) & !w & HIGH;
            if zero != 0 {
                // bounded: at most 7 past `at`, within `s`
                let byte = usize::try_from(zero.trailing_zeros() / 8).unwrap_or(0);
                return Some(at.saturating_add(byte));
            }
            at = at.saturating_add(8);
        }
        let rest = chunks.remainder();
        rest.iter()
            .position(|&b| b == b' ')
            .map(|k| at.saturating_add(k))
    }
}

/// rich's `set_cell_size`: crop or pad with spaces to exactly `total` cells.
fn set_cell_size(text: &[char], total: usize) -> Vec<char> {
    let mut out = Vec::with_capacity(total);
    let mut used: usize = 0;
    for &c in text {
        // bounded: `used` never exceeds `total`
        let next = used.saturating_add(char_width(c));
        if next > total {
            break;
        }
        out.push(c);
        used = next;
    }
    out.extend(std::iter::repeat_n(' ', total.saturating_sub(used)));
    out
}

/// rich's `chop_cells`: split into pieces of at most `width` cells.
fn chop_cells<T: Cell>(text: &[T], width: usize) -> Vec<Vec<T>> {
    let mut lines = Vec::new();
    let mut line: Vec<T> = Vec::new();
    let mut size: usize = 0;
    for &c in text {
        let w = c.cells();
        // bounded: at most 2 cells per char of `text`
        if size.saturating_add(w) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            size = 0;
        }
        line.push(c);
        size = size.saturating_add(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// rich's `words`: `\s*\S+\s*` runs, as (start index, chars), made
/// as the line breaker asks for them (no list of words).
struct Words<'a, T> {
    start: usize,
    rest: &'a [T],
}

impl<'a, T: Cell> Iterator for Words<'a, T> {
    type Item = (usize, &'a [T]);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest;
        let body = rest.iter().position(|c| !c.is_space())?;
        // bounded: every offset here is at most rest.len()
        let spaces = rest
            .get(body..)
            .and_then(T::find_space)
            .map_or(rest.len(), |k| body.saturating_add(k));
        let end = rest
            .iter()
            .skip(spaces)
            .position(|c| !c.is_space())
            .map_or(rest.len(), |k| spaces.saturating_add(k));
        let (word, tail) = rest.split_at_checked(end)?;
        let start = self.start;
        self.start = start.saturating_add(end);
        self.rest = tail;
        Some((start, word))
    }
}

fn rstrip<T: Cell>(mut s: &[T]) -> &[T] {
    while let [rest @ .., last] = s
        && last.is_space()
    {
        s = rest;
    }
    s
}

/// The offsets at which a paragraph breaks (a cell rarely breaks more
/// than a few times: kept inline).
type Breaks = smallvec::SmallVec<[usize; 4]>;

/// rich's `divide_line`: the character offsets at which to break.
fn divide_line<T: Cell>(text: &[T], width: usize, fold: bool) -> Breaks {
    let mut breaks = Breaks::new();
    let width = i64::try_from(width).unwrap_or(i64::MAX);
    let mut offset: i64 = 0;
    let len = |s: &[T]| i64::try_from(T::cell_len(s)).unwrap_or(i64::MAX);
    for (start, word) in (Words {
        start: 0,
        rest: text,
    }) {
        let word_length = len(rstrip(word));
        // bounded: 0 <= offset, width <= i64::MAX
        let remaining = width.saturating_sub(offset);
        if remaining >= word_length {
            offset = offset.saturating_add(len(word));
        } else if word_length > width {
            if fold {
                let mut start = start;
                for line in chop_cells(word, usize::try_from(width).unwrap_or(0).max(1)) {
                    if start > 0 {
                        breaks.push(start);
                    }
                    // bounded: an index into `text`
                    start = start.saturating_add(line.len());
                    offset = len(&line);
                }
            } else {
                if start > 0 {
                    breaks.push(start);
                }
                offset = len(word);
            }
        } else if offset > 0 && start > 0 {
            breaks.push(start);
            offset = len(word);
        }
    }
    breaks
}

/// rich's `Text.truncate(width, overflow, pad)`.
fn truncate(line: &mut Vec<char>, width: usize, overflow: Overflow, pad: bool) {
    let length = char::cell_len(line);
    if length > width {
        *line = match overflow {
            Overflow::Ellipsis => {
                let mut v = set_cell_size(line, width.saturating_sub(1));
                v.push('…');
                v
            }
            Overflow::Fold => set_cell_size(line, width),
        };
    }
    if pad && length < width {
        line.extend(std::iter::repeat_n(' ', width.saturating_sub(length)));
    }
}

/// One line of wrapped printable ASCII: `left` spaces, `body`, an
/// ellipsis when cut (a table writes the spaces after it from its blank
/// line: they are not kept).
#[derive(Debug, Clone, Copy)]
struct AsciiLine<'a> {
    left: usize,
    body: &'a str,
    ellipsis: bool,
}

/// The lines of one or a few cells (a table reuses one list for all its
/// rows).
type AsciiLines<'a> = Vec<AsciiLine<'a>>;

impl AsciiLine<'_> {
    /// Appends the line (without the spaces after it).
    fn push_to(&self, out: &mut String) {
        push_spaces(out, self.left);
        out.push_str(self.body);
        if self.ellipsis {
            out.push('…');
        }
    }
}

/// The lines `wrap` gives for printable ASCII (paragraphs split at `\n`),
/// without making strings; `None` for other text and for the corner cases
/// left to the general path.
fn ascii_lines<'a>(
    text: &'a str,
    width: usize,
    justify: Justify,
    overflow: Overflow,
    out: &mut AsciiLines<'a>,
) -> Option<()> {
    // Printable ASCII (a count the compiler vectorizes), and whether there
    // are several paragraphs.
    let bytes = text.as_bytes();
    let special = bytes
        .iter()
        .filter(|&&b| !(0x20..0x7f).contains(&b))
        .count();
    if special > 0
        && bytes
            .iter()
            .any(|&b| b != b'\n' && !(0x20..0x7f).contains(&b))
    {
        return None;
    }
    if special == 0 {
        return ascii_paragraph(text, width, justify, overflow, out);
    }
    for para in text.split('\n') {
        ascii_paragraph(para, width, justify, overflow, out)?;
    }
    Some(())
}

/// The spaces before `free` cells to spare, justified.
fn pad_left(justify: Justify, free: usize) -> usize {
    match justify {
        Justify::Default | Justify::Left => 0,
        Justify::Right => free,
        Justify::Center => free / 2,
    }
}

/// A line of printable ASCII justified in `width` cells: the spaces
/// before it and the text it shows (right and centered lines drop their
/// trailing spaces).
#[inline]
fn placed(text: &str, width: usize, justify: Justify) -> (usize, &str) {
    match justify {
        Justify::Default | Justify::Left => (0, text),
        Justify::Right | Justify::Center => {
            let body = text.trim_end_matches(' ');
            // bounded: body.len() <= width when it fits
            (pad_left(justify, width.saturating_sub(body.len())), body)
        }
    }
}

/// The line of a paragraph of printable ASCII no wider than `width`
/// (which is not 0), justified.
#[inline]
fn fitted_line(text: &str, width: usize, justify: Justify) -> AsciiLine<'_> {
    let (left, body) = placed(text, width, justify);
    AsciiLine {
        left,
        body,
        ellipsis: false,
    }
}

/// One paragraph of [`ascii_lines`] (printable ASCII: every byte is a
/// `char`, so any byte range is a `str` range). Every line it gives fits
/// in `width` cells (one cut to fit ends with `…`).
fn ascii_paragraph<'a>(
    text: &'a str,
    width: usize,
    justify: Justify,
    overflow: Overflow,
    out: &mut AsciiLines<'a>,
) -> Option<()> {
    if width == 0 {
        return None; // the general path's corner case
    }
    let bytes = text.as_bytes();
    if bytes.len() <= width {
        // A paragraph that fits is one line, justified (the common cell).
        out.push(fitted_line(text, width, justify));
        return Some(());
    }
    let breaks = match overflow {
        Overflow::Ellipsis => single_spaced_breaks(bytes, width),
        Overflow::Fold => None,
    }
    .unwrap_or_else(|| divide_line(bytes, width, overflow == Overflow::Fold));
    let mut start = 0;
    // By reference: moving the inline vector into an iterator costs more.
    for &end in breaks.iter().chain(&[bytes.len()]) {
        let mut line = text.get(start..end)?;
        start = end;
        // rstrip_end(width)
        if let Some(excess) = line.len().checked_sub(width).filter(|&e| e > 0) {
            let ws = line.len().saturating_sub(line.trim_end_matches(' ').len());
            line = line.get(..line.len().saturating_sub(ws.min(excess)))?;
        }
        let (_, body) = placed(line, width, justify);
        out.push(if body.len() <= width {
            fitted_line(body, width, justify)
        } else {
            // rich's truncate of a line wider than the box: cut to `width`
            // cells, the last one `…` for an ellipsis.
            let ellipsis = overflow == Overflow::Ellipsis;
            let kept = width.saturating_sub(usize::from(ellipsis));
            AsciiLine {
                left: 0,
                body: body.get(..kept).unwrap_or_default(),
                ellipsis,
            }
        });
    }
    Some(())
}

/// [`divide_line`] without folding for printable ASCII words parted by
/// single spaces, with no space at either end: a summary's wrapped cells
/// (`conv2_block1_1_bn (BatchNormalization)`, a name too long for its
/// cell, `a[0][0], b[0][0], c[0][0]`), broken with one scan for each
/// space (a fast path: the general word iteration costs more than the
/// row's text). `None`, for `divide_line`, for any other paragraph.
fn single_spaced_breaks(bytes: &[u8], width: usize) -> Option<Breaks> {
    let mut breaks = Breaks::new();
    // The cells taken on the current line, and where the word starts.
    let mut offset: usize = 0;
    let mut start: usize = 0;
    loop {
        let rest = bytes.get(start..)?;
        // The word, and the word with its space.
        let (len, full) = match u8::find_space(rest) {
            // bounded: k < rest.len()
            Some(k) => (k, k.saturating_add(1)),
            None => (rest.len(), rest.len()),
        };
        if len == 0 {
            return None; // a space at an end, or two together
        }
        // bounded: offset and len are at most bytes.len()
        if offset.saturating_add(len) <= width {
            offset = offset.saturating_add(full);
        } else {
            // A word too wide for the line starts a new one (the first
            // word has nothing before it to break from).
            if start > 0 {
                breaks.push(start);
            }
            offset = full;
        }
        if full == len {
            return Some(breaks); // the last word
        }
        start = start.saturating_add(full);
    }
}

/// rich's `Text.wrap` followed by its justification: the lines of `text`
/// (any text) in a box `width` cells wide. Rows and text of printable ASCII
/// take [`ascii_lines`] instead.
pub(crate) fn wrap(text: &str, width: usize, justify: Justify, overflow: Overflow) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let chars: Vec<char> = para.chars().collect();
        let breaks = divide_line(&chars, width, overflow == Overflow::Fold);
        let mut start = 0;
        for end in breaks.into_iter().chain([chars.len()]) {
            let mut line = chars.get(start..end).unwrap_or_default().to_vec();
            start = end;
            // rstrip_end(width)
            if let Some(excess) = line.len().checked_sub(width).filter(|&e| e > 0) {
                let ws = line.len().saturating_sub(rstrip(&line).len());
                line.truncate(line.len().saturating_sub(ws.min(excess)));
            }
            match justify {
                Justify::Default => {}
                Justify::Left => truncate(&mut line, width, overflow, true),
                Justify::Right | Justify::Center => {
                    line.truncate(rstrip(&line).len());
                    truncate(&mut line, width, overflow, false);
                    let left = pad_left(justify, width.saturating_sub(char::cell_len(&line)));
                    line.splice(..0, std::iter::repeat_n(' ', left));
                    truncate(&mut line, width, overflow, true);
                }
            }
            truncate(&mut line, width, overflow, false);
            out.push(line.into_iter().collect());
        }
    }
    out
}

/// rich's `ratio_reduce(total, ratios, maximums, values)` as a table of
/// fixed-width columns calls it: every ratio 1, the maximums the values.
/// With Python's round-half-to-even.
fn ratio_reduce(total: usize, values: &[usize]) -> Vec<usize> {
    let mut total_ratio = values.iter().filter(|&&v| v > 0).count();
    let mut remaining = total;
    values
        .iter()
        .map(|&value| {
            if value == 0 || total_ratio == 0 {
                return value;
            }
            // bounded: remaining is at most the table width
            let distributed = value.min(round_half_even(remaining, total_ratio));
            remaining = remaining.saturating_sub(distributed);
            total_ratio = total_ratio.saturating_sub(1);
            value.saturating_sub(distributed)
        })
        .collect()
}

/// `round(num / den)` with ties to even, as Python's `round`.
/// `den` is never 0 (the caller checks); 0 if it were.
fn round_half_even(num: usize, den: usize) -> usize {
    let (Some(q), Some(r)) = (num.checked_div(den), num.checked_rem(den)) else {
        return 0;
    };
    // bounded: r < den and q <= num, so neither side can overflow
    match r.saturating_mul(2).cmp(&den) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q.saturating_add(1),
        std::cmp::Ordering::Equal => q.saturating_add(q % 2),
    }
}

/// One column of a table: header, fixed content width and justification.
#[derive(Clone, Copy)]
pub(crate) struct Column<'a> {
    pub(crate) header: &'a str,
    pub(crate) width: usize,
    pub(crate) justify: Justify,
    /// A column outside rich's width arithmetic (a kerasinfo addition to
    /// Keras's table): it takes exactly `width` cells, padding included,
    /// and the others are laid out as if it were not there.
    pub(crate) added: bool,
}

/// The widths (padding included) rich gives fixed-width columns in a table
/// `table_width` wide (`Table._calculate_column_widths`).
fn column_widths(columns: &[Column<'_>], table_width: usize) -> Vec<usize> {
    let extra = columns.len().saturating_add(1);
    let max_width = table_width.saturating_sub(extra);
    // bounded: column widths were validated by the caller
    let measure = |w: usize, max: usize| {
        if max < 1 {
            0
        } else {
            w.saturating_add(2).min(max)
        }
    };
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| measure(c.width, max_width).max(1))
        .collect();
    let total: usize = widths.iter().sum();
    if total > max_width {
        // No column wraps (all have a fixed width): reduce evenly.
        widths = ratio_reduce(total.saturating_sub(max_width), &widths);
        widths = widths
            .iter()
            .zip(columns)
            .map(|(w, c)| measure(c.width, *w))
            .collect();
    }
    widths
}

/// [`column_widths`] of the columns not `added`, with the `added` ones'
/// own widths in their places.
fn with_added_columns(columns: &[Column<'_>], table_width: usize) -> Vec<usize> {
    if !columns.iter().any(|c| c.added) {
        return column_widths(columns, table_width);
    }
    let own: Vec<Column<'_>> = columns.iter().filter(|c| !c.added).copied().collect();
    let mut widths = column_widths(&own, table_width).into_iter();
    columns
        .iter()
        .map(|c| {
            if c.added {
                c.width
            } else {
                widths.next().unwrap_or(0)
            }
        })
        .collect()
}

/// Appends `n` spaces.
fn push_spaces(s: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let k = left.min(SPACES.len());
        s.push_str(SPACES.get(..k).unwrap_or(SPACES));
        left = left.saturating_sub(k);
    }
}

/// Appends a rule of the box, with its line end.
fn box_rule(s: &mut String, widths: &[usize], [left, fill, mid, right]: [char; 4]) {
    let mut buf = [0; 4];
    let fill: &str = fill.encode_utf8(&mut buf);
    s.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push(mid);
        }
        s.push_str(&fill.repeat(*w));
    }
    s.push(right);
    s.push('\n');
}

/// Whether every byte is printable ASCII (`0x20..0x7f`), eight bytes at a
/// time.
fn printable_ascii(bytes: &[u8]) -> bool {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    // Or-ed over all words, without a branch a word (which lets the
    // compiler vectorize): a byte below 0x20 borrows in `w - 0x20..` where
    // `w` has no high bit; one at 0x7f or above has its high bit set in `w`
    // or in `w + 0x01..` (a carry out of a byte comes only from 0xff).
    let flags = chunks.fold(0, |flags, chunk| {
        let w = <[u8; 8]>::try_from(chunk).map_or(HIGH, u64::from_le_bytes);
        flags | (w.wrapping_sub(ONES.wrapping_mul(0x20)) & !w) | w | w.wrapping_add(ONES)
    });
    flags & HIGH == 0 && rest.iter().all(|b| (0x20..0x7f).contains(b))
}

/// The lines of one cell: text wrapped into `width - 2` cells, padded by
/// one space each side.
fn cell_lines(text: &str, width: usize, justify: Justify) -> Vec<String> {
    let inner = width.saturating_sub(2);
    wrap(text, inner, justify, Overflow::Ellipsis)
        .into_iter()
        .map(|l| {
            if width < 2 {
                return " ".repeat(width);
            }
            let mut cell = String::with_capacity(width.saturating_add(2));
            cell.push(' ');
            if l.len() == inner && l.is_ascii() {
                cell.push_str(&l);
            } else {
                let chars: Vec<char> = l.chars().collect();
                cell.extend(set_cell_size(&chars, inner));
            }
            cell.push(' ');
            cell
        })
        .collect()
}

/// How a table's rows (or its header) are laid out, and the lists they
/// are laid out in, reused from row to row.
struct Rows<'t, 'a> {
    columns: &'t [Column<'t>],
    widths: &'t [usize],
    vertical: char,
    /// A cell shorter than the row starts below the taller cells' first
    /// lines (the header).
    bottom_align: bool,
    /// Every cell is known to be printable ASCII on one paragraph
    /// (checked once for the whole table).
    plain: bool,
    lines: AsciiLines<'a>,
    spans: Vec<(usize, usize)>,
    /// The table's blank line.
    blank: Blank,
}

impl<'t, 'a> Rows<'t, 'a> {
    fn new(columns: &'t [Column<'t>], widths: &'t [usize], vertical: char, plain: bool) -> Self {
        Rows {
            columns,
            widths,
            vertical,
            bottom_align: false,
            plain,
            lines: AsciiLines::new(),
            spans: Vec::new(),
            blank: Blank::new(widths, vertical),
        }
    }

    fn render(&mut self, out: &mut String, cells: &[&'a str]) {
        // Printable ASCII (the common row): written straight out.
        if self.render_ascii(out, cells).is_none() {
            self.render_general(out, cells);
        }
    }

    /// A row of any text: its cells' [`cell_lines`] side by side.
    fn render_general(&self, out: &mut String, cells: &[&str]) {
        let (widths, vertical) = (self.widths, self.vertical);
        let rendered: Vec<Vec<String>> = cells
            .iter()
            .zip(self.columns)
            .zip(widths)
            .map(|((text, col), w)| cell_lines(text, *w, col.justify))
            .collect();
        let height = rendered.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line in 0..height {
            out.push(vertical);
            for (i, (cell, w)) in rendered.iter().zip(widths).enumerate() {
                if i > 0 {
                    out.push(vertical);
                }
                // bounded: height is the largest cell.len()
                let pad = height.saturating_sub(cell.len());
                let idx = if self.bottom_align {
                    line.checked_sub(pad)
                } else {
                    Some(line)
                };
                match idx.and_then(|k| cell.get(k)) {
                    Some(s) => out.push_str(s),
                    None => push_spaces(out, *w),
                }
            }
            out.push(vertical);
            out.push('\n');
        }
    }

    /// A row of printable ASCII cells, written straight out (the same text
    /// as [`cell_lines`] gives, without a string a line); `None`, having
    /// written nothing, when a cell needs the general path.
    fn render_ascii(&mut self, out: &mut String, cells: &[&'a str]) -> Option<()> {
        let (columns, widths, plain) = (self.columns, self.widths, self.plain);
        if plain && one_line_row(out, cells, columns, widths, &self.blank) {
            return Some(());
        }
        // The cells' lines, and where each cell's lines start in them and
        // how many it has.
        let (lines, spans) = (&mut self.lines, &mut self.spans);
        lines.clear();
        spans.clear();
        let mut height = 1;
        for ((text, col), w) in cells.iter().zip(columns).zip(widths) {
            if *w < 2 {
                return None;
            }
            let start = lines.len();
            let inner = w.saturating_sub(2);
            // Every line fits in its cell (as the blank line's slices need).
            if plain && inner > 0 && text.len() <= inner {
                // Most cells of a row: one line, without the call.
                lines.push(fitted_line(text, inner, col.justify));
            } else if plain {
                ascii_paragraph(text, inner, col.justify, Overflow::Ellipsis, lines)?;
            } else {
                ascii_lines(text, inner, col.justify, Overflow::Ellipsis, lines)?;
            }
            let count = lines.len().saturating_sub(start);
            height = height.max(count);
            spans.push((start, count));
        }
        // Each line is the table's blank line with the cells' lines written
        // over it: a slice of the blank line up to a line's first cell, the
        // line, and so on, then the rest of the blank line (a cell without a
        // line on this line costs nothing).
        let Blank {
            text: blank,
            starts,
        } = &self.blank;
        for line in 0..height {
            // How far into the blank line the text has got.
            let mut at = 0;
            for ((start, count), cell) in spans.iter().zip(starts.iter()) {
                // A bottom-aligned cell (the header) starts below the taller
                // cells' first lines.
                let skip = if self.bottom_align {
                    height.saturating_sub(*count)
                } else {
                    0
                };
                let k = line.checked_sub(skip).filter(|k| k < count);
                // bounded: k < count, so start + k < lines.len()
                if let Some(l) = k.and_then(|k| lines.get(start.saturating_add(k))) {
                    // The padding space and the line's own spaces (the lines
                    // fit their cells, so `from >= at`).
                    let from = cell.saturating_add(1).saturating_add(l.left);
                    out.push_str(blank.get(at..from).unwrap_or_default());
                    out.push_str(l.body);
                    if l.ellipsis {
                        out.push('…');
                    }
                    at = from
                        .saturating_add(l.body.len())
                        .saturating_add(usize::from(l.ellipsis));
                }
            }
            out.push_str(blank.get(at..).unwrap_or_default());
        }
        Some(())
    }
}

/// The usual row of a summary, written in one pass: every cell printable
/// ASCII on one paragraph (`plain`) that fits its column, so each is one
/// line, justified as [`ascii_paragraph`] justifies a paragraph that fits
/// (the same text as the general path, without a list of lines). Returns
/// `false`, having written nothing, for any other row.
fn one_line_row(
    out: &mut String,
    cells: &[&str],
    columns: &[Column<'_>],
    widths: &[usize],
    blank: &Blank,
) -> bool {
    let fits = cells.len() == widths.len()
        && cells.iter().zip(widths).all(|(text, w)| {
            // an empty box is the general path's corner case
            w.checked_sub(2)
                .is_some_and(|inner| inner > 0 && text.len() <= inner)
        });
    if !fits {
        return false;
    }
    // How far into the blank line the text has got.
    let mut at = 0;
    for (((text, col), w), cell) in cells.iter().zip(columns).zip(widths).zip(&blank.starts) {
        let (left, body) = placed(text, w.saturating_sub(2), col.justify);
        // The padding space and the line's own spaces from the blank
        // line, then the text (bounded: left + body.len() <= w - 2).
        let from = cell.saturating_add(1).saturating_add(left);
        out.push_str(blank.text.get(at..from).unwrap_or_default());
        out.push_str(body);
        at = from.saturating_add(body.len());
    }
    out.push_str(blank.text.get(at..).unwrap_or_default());
    true
}

/// A line of a table with empty cells (verticals, spaces, the line end),
/// and where each cell starts in it (after its left vertical): a row's
/// lines are slices of it with the cells' lines between.
#[derive(Default)]
struct Blank {
    text: String,
    starts: smallvec::SmallVec<[usize; 8]>,
}

impl Blank {
    fn new(widths: &[usize], vertical: char) -> Self {
        let mut blank = Blank::default();
        for w in widths {
            blank.text.push(vertical);
            blank.starts.push(blank.text.len());
            push_spaces(&mut blank.text, *w);
        }
        blank.text.push(vertical);
        blank.text.push('\n');
        blank
    }
}

/// The characters of a rich `Box` that a table with a header and lines
/// between rows uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BoxChars {
    /// Top rule: left, fill, divider, right.
    top: [char; 4],
    /// The header's verticals.
    head_vertical: char,
    /// The rule under the header.
    head_row: [char; 4],
    /// The rule between rows.
    row: [char; 4],
    /// The rows' verticals.
    vertical: char,
    /// Bottom rule.
    bottom: [char; 4],
}

/// rich's `box.HEAVY_HEAD`: Keras's table.
pub(crate) const HEAVY_HEAD: BoxChars = BoxChars {
    top: ['┏', '━', '┳', '┓'],
    head_vertical: '┃',
    head_row: ['┡', '━', '╇', '┩'],
    row: ['├', '─', '┼', '┤'],
    vertical: '│',
    bottom: ['└', '─', '┴', '┘'],
};

/// rich's `box.ASCII`: what `Box.substitute` gives any box on a console
/// whose encoding is not UTF (`ConsoleOptions.ascii_only`).
pub(crate) const ASCII: BoxChars = BoxChars {
    top: ['+', '-', '-', '+'],
    head_vertical: '|',
    head_row: ['|', '-', '+', '|'],
    row: ['|', '-', '+', '|'],
    vertical: '|',
    bottom: ['+', '-', '-', '+'],
};

/// The cells of a table's rows, written one after another into one
/// string (a row's cells are its `columns` consecutive cells): no string
/// per cell.
pub(crate) struct Cells {
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
    columns: usize,
}

impl Cells {
    /// Room for `rows` rows of `columns` cells.
    pub(crate) fn new(columns: usize, rows: usize) -> Self {
        let cells = columns.saturating_mul(rows);
        Cells {
            // Keras 3's cells average up to ~50 bytes (NASNetLarge's long
            // Connected to lists); growing the text would copy it.
            text: String::with_capacity(cells.saturating_mul(64)),
            ends: Vec::with_capacity(cells),
            columns: columns.max(1),
        }
    }

    /// The text of the cell being written.
    pub(crate) fn text(&mut self) -> &mut String {
        &mut self.text
    }

    /// Ends the cell being written.
    pub(crate) fn end_cell(&mut self) {
        self.ends.push(self.text.len());
    }

    /// Writes a whole cell.
    pub(crate) fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.end_cell();
    }

    /// Calls `f` on each row's index and cells (one list refilled row by
    /// row: a new list a row, moved out of an iterator, costs more).
    fn for_each_row<'c>(&'c self, mut f: impl FnMut(usize, &[&'c str])) {
        let (mut rest, mut start) = (self.text.as_str(), 0);
        let mut cells = smallvec::SmallVec::<[&str; 8]>::new();
        for (i, row) in self.ends.chunks(self.columns).enumerate() {
            cells.clear();
            for &end in row {
                // Split off the front (one boundary check, not a slice's two).
                let (cell, tail) = rest
                    .split_at_checked(end.saturating_sub(start))
                    .unwrap_or_default();
                (rest, start) = (tail, end);
                cells.push(cell);
            }
            f(i, &cells);
        }
    }

    /// How many rows there are.
    fn row_count(&self) -> usize {
        self.ends.len().div_ceil(self.columns)
    }
}

/// A rich `Table(*columns, width=table_width, show_lines=True)` drawn
/// with `chars` (Keras's is `box.HEAVY_HEAD`), as printed to a console
/// without colors, appended to `out`.
pub(crate) fn table(
    out: &mut String,
    columns: &[Column<'_>],
    rows: &Cells,
    table_width: usize,
    chars: &BoxChars,
) {
    let widths = with_added_columns(columns, table_width);
    // The rule between rows, with its line end (one copy a row).
    let mut separator = String::new();
    box_rule(&mut separator, &widths, chars.row);
    // a capacity hint: saturating (rows of two lines and a separator, a
    // few rows taller)
    let line_bytes = separator.len();
    out.reserve(line_bytes.saturating_mul(rows.row_count().saturating_mul(2).saturating_add(8)));
    box_rule(out, &widths, chars.top);
    let headers: smallvec::SmallVec<[&str; 8]> = columns.iter().map(|c| c.header).collect();
    let mut header = Rows {
        bottom_align: true,
        ..Rows::new(columns, &widths, chars.head_vertical, false)
    };
    header.render(out, &headers);
    box_rule(out, &widths, chars.head_row);
    // Every cell printable ASCII on one paragraph: checked once here, not
    // once a cell.
    let plain = printable_ascii(rows.text.as_bytes());
    let mut body = Rows::new(columns, &widths, chars.vertical, plain);
    rows.for_each_row(|i, cells| {
        if i > 0 {
            out.push_str(&separator);
        }
        body.render(out, cells);
    });
    box_rule(out, &widths, chars.bottom);
}

/// `console.print(text)` on a console `width` cells wide: wrapped, not padded.
pub(crate) fn print(out: &mut String, text: &str, width: usize) {
    // Printable ASCII (the common text): written straight out.
    let mut lines = AsciiLines::new();
    if ascii_lines(text, width, Justify::Default, Overflow::Fold, &mut lines).is_some() {
        for line in &lines {
            line.push_to(out);
            out.push('\n');
        }
        return;
    }
    for line in wrap(text, width, Justify::Default, Overflow::Fold) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// `text` as written through Python's ASCII encoder with the `replace`
/// error handler: every character past ASCII becomes `?`.
pub(crate) fn ascii_replace(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii() { c } else { '?' })
        .collect()
}

/// Crops every line of a rendered table to `width` cells, as rich's
/// console does when it prints a table wider than itself
/// (`Segment.split_and_crop_lines`, whose cut goes through
/// `set_cell_size`: a double-width character cut in half becomes a space).
pub(crate) fn crop_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let chars: Vec<char> = body.chars().collect();
        if char::cell_len(&chars) > width {
            out.extend(set_cell_size(&chars, width));
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_agrees_with_the_byte_test() {
        let naive = |b: &[u8]| b.iter().all(|b| (0x20..0x7f).contains(b));
        for len in [1usize, 7, 8, 9, 16, 23] {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    assert_eq!(printable_ascii(&text), naive(&text), "{len} {at} {byte}");
                }
            }
        }
        assert!(printable_ascii(b""));
    }

    #[test]
    fn find_space_agrees_with_the_byte_scan() {
        for len in [0usize, 1, 7, 8, 9, 16, 23] {
            for at in 0..len {
                for byte in [b' ', b'!', 0x1f, 0x20 | 0x80, 0xff, 0x00] {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    if at + 3 < len {
                        text[at + 3] = b' ';
                    }
                    let naive = text.iter().position(|&b| b == b' ');
                    assert_eq!(<u8 as Cell>::find_space(&text), naive, "{len} {at} {byte}");
                }
            }
        }
    }

    /// Words of cells Keras's tables wrap (names, classes, connections,
    /// long NASNet names), for the fast paths' tests.
    const WORDS: [&str; 8] = [
        "",
        "a",
        "bn",
        "conv2_block1",
        "(BatchNormalization)",
        "x[0][0],",
        "reduction_conv_1_stem_1[0][0],",
        "separable_conv_1_pad_reduction_left1_stem_1",
    ];

    /// The single-spaced fast path breaks where `divide_line` breaks
    /// without folding, and takes every paragraph of single-spaced words.
    #[test]
    fn single_spaced_breaks_agree_with_divide_line() {
        let words = WORDS;
        let mut texts = Vec::new();
        for a in words {
            for b in words {
                for c in words {
                    for sep in [" ", "  "] {
                        texts.push(format!("{a}{sep}{b}"));
                        texts.push(format!("{a}{sep}{b} {c}"));
                        texts.push(format!("{a} {b}{sep}{c}"));
                    }
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            let bytes = text.as_bytes();
            let single = !text.starts_with(' ')
                && !text.ends_with(' ')
                && !text.contains("  ")
                && !text.is_empty();
            for width in 1..40 {
                match single_spaced_breaks(bytes, width) {
                    Some(breaks) => {
                        assert_eq!(breaks, divide_line(bytes, width, false), "{text:?} {width}")
                    }
                    None => assert!(!single, "{text:?} {width}"),
                }
            }
        }
    }

    #[test]
    fn seed_widths_match_rich() {
        // Keras: line_length 88, positions [0.45, 0.80, 1.0] -> 39, 31, 18.
        let col = |width, justify| Column {
            header: "",
            width,
            justify,
            added: false,
        };
        let cols = [
            col(39, Justify::Left),
            col(31, Justify::Left),
            col(18, Justify::Right),
        ];
        assert_eq!(column_widths(&cols, 88), vec![38, 29, 17]);
    }

    #[test]
    fn python_rounding() {
        assert_eq!(round_half_even(7, 2), 4);
        assert_eq!(round_half_even(5, 2), 2);
        assert_eq!(round_half_even(10, 3), 3);
    }

    #[test]
    fn the_ascii_path_wraps_as_the_general_one() {
        let texts = [
            "conv2_block1_0_bn[0][0], conv2_block1_3_bn[0][0]",
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh",
            "  leading and trailing spaces   ",
            "averyveryveryverylongwordthatmustfold short",
            "x, y[0][0], normal_12[1][0],   z",
            "conv2_block1_0_bn[0][0],\nconv2_block1_3_bn[0][0]",
            "a\n\nbb ccc\n  dddd  \n",
            "separable_conv_1_pad_reduction_left1_stem_1[0][0],\nactivation_3[0][0]",
            "separable_conv_1_reduction_left1_stem_1 (SeparableConv2D)",
            "word  ",
            "   ",
            "",
        ];
        let justifies = [
            Justify::Default,
            Justify::Left,
            Justify::Center,
            Justify::Right,
        ];
        for text in texts {
            for width in 1..60 {
                for justify in justifies {
                    for overflow in [Overflow::Fold, Overflow::Ellipsis] {
                        let mut lines = AsciiLines::new();
                        if ascii_lines(text, width, justify, overflow, &mut lines).is_some() {
                            let fast: Vec<String> = lines
                                .iter()
                                .map(|l| {
                                    let mut s = String::new();
                                    l.push_to(&mut s);
                                    // Padded to the width, as a table's
                                    // blank line pads it (rich's default
                                    // justification pads nothing).
                                    if justify != Justify::Default {
                                        let used = s.chars().count();
                                        push_spaces(&mut s, width.saturating_sub(used));
                                    }
                                    s
                                })
                                .collect();
                            let general = wrap(text, width, justify, overflow);
                            assert_eq!(fast, general, "{text:?} {width} {justify:?} {overflow:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wraps_at_words_and_ellipsizes_long_words() {
        assert_eq!(
            wrap("abc def ghi", 7, Justify::Left, Overflow::Ellipsis),
            vec!["abc def", "ghi    "]
        );
        assert_eq!(
            wrap("abcdefghij", 5, Justify::Left, Overflow::Ellipsis),
            vec!["abcd…"]
        );
        assert_eq!(
            wrap("abcdefghij", 4, Justify::Default, Overflow::Fold),
            vec!["abcd", "efgh", "ij"]
        );
        assert_eq!(
            wrap("12", 5, Justify::Right, Overflow::Ellipsis),
            vec!["   12"]
        );
    }
}
