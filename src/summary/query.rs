//! Queries for one-line architectural assertions: parameters by class,
//! the rows of a class, every row down through nested models, the depth
//! of nesting.

use std::collections::BTreeMap;

use super::{Summary, SummaryRow};

impl Summary {
    /// The parameters of the model's rows, summed by layer class (a
    /// nested model counts under its own class: `Functional`,
    /// `Sequential`).
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let x = Input::new([64, 64, 3]).tensor()?;
    /// let y = Conv2D::new(32, 7).call(&x)?;
    /// let y = BatchNormalization::new().call(&y)?;
    /// let y = Conv2D::new(8, 1).call(&y)?;
    /// let s = Functional::new(&x, &y).build()?.summary();
    /// let by_class = s.params_by_class();
    /// assert_eq!(by_class["Conv2D"], 4_736 + 264);
    /// assert_eq!(by_class["BatchNormalization"], 128);
    /// assert_eq!(by_class["InputLayer"], 0);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    #[must_use]
    pub fn params_by_class(&self) -> BTreeMap<&str, u64> {
        let mut out: BTreeMap<&str, u64> = BTreeMap::new();
        for r in &self.rows {
            let n = out.entry(r.class_name.as_str()).or_default();
            *n = n.saturating_add(r.params);
        }
        out
    }

    /// The model's rows of class `class_name`, in order.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let m = Sequential::new().add(Input::new([4])).add(Dense::new(3)).add(Dense::new(2)).build()?;
    /// let s = m.summary();
    /// let dense: Vec<u64> = s.rows_of_class("Dense").map(|r| r.params).collect();
    /// assert_eq!(dense, [15, 8]);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn rows_of_class<'s>(
        &'s self,
        class_name: &'s str,
    ) -> impl Iterator<Item = &'s SummaryRow> + 's {
        self.rows.iter().filter(move |r| r.class_name == class_name)
    }

    /// Every row with its depth of nesting (0: a layer of this model, 1: a
    /// layer of a model nested in it, ...), each nested model's rows right
    /// after its own, as `expand_nested` lists them.
    ///
    /// ```
    /// use kerasinfo::prelude::*;
    /// let inner = Sequential::new().name("inner").add(Input::new([4])).add(Dense::new(3).name("d")).build()?;
    /// let x = Input::new([4]).tensor()?;
    /// let y = inner.call(&x)?;
    /// let outer = Functional::new(&x, &y).name("outer").build()?;
    /// let s = outer.summary();
    /// let walk: Vec<(usize, &str)> = s.walk().map(|(d, r)| (d, r.name.as_str())).collect();
    /// assert_eq!(walk[1..], [(0, "inner"), (1, "d")]);
    /// assert_eq!(s.nesting_depth(), 1);
    /// # Ok::<(), kerasinfo::Error>(())
    /// ```
    pub fn walk(&self) -> impl Iterator<Item = (usize, &SummaryRow)> {
        let mut stack: Vec<(usize, std::slice::Iter<'_, SummaryRow>)> = vec![(0, self.rows.iter())];
        std::iter::from_fn(move || {
            loop {
                let (depth, iter) = stack.last_mut()?;
                let depth = *depth;
                let Some(row) = iter.next() else {
                    stack.pop();
                    continue;
                };
                if let Some(inner) = &row.nested {
                    // bounded: by the nesting depth of the model
                    stack.push((depth.saturating_add(1), inner.rows.iter()));
                }
                return Some((depth, row));
            }
        })
    }

    /// How deep models nest in this one: 0 without nested models.
    #[must_use]
    pub fn nesting_depth(&self) -> usize {
        self.walk()
            .map(|(d, r)| d.saturating_add(usize::from(r.nested.is_some())))
            .max()
            .unwrap_or(0)
    }
}
