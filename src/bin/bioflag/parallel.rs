//! Scanning inputs on several threads while handing results out in input order: workers take
//! the next input from a shared counter, and the caller's thread prints each input's results
//! as soon as every earlier input's are printed.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Calls `work` on every item on `threads` threads, and `each` with the results in item order.
/// `each` returning false stops the run (a closed pipe): no new item is started.
pub fn ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(R) -> bool,
) {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        for item in items {
            if !each(work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Bounded, so fast workers cannot pile up results far ahead of a slow input.
    let (tx, rx) = mpsc::sync_channel::<(usize, R)>(threads * 4);
    std::thread::scope(|s| {
        let rx = rx; // dropped on an early return, which ends the workers' blocked sends
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&due) {
                due += 1;
                if !each(r) {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_item_order() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        super::ordered(
            &items,
            4,
            |&i| {
                // Uneven work, so threads finish out of order.
                (0..(200 - i) * 1000).fold(i, |a, b| a ^ b)
                    ^ (0..(200 - i) * 1000).fold(0, |a, b| a ^ b)
            },
            |r| {
                seen.push(r);
                true
            },
        );
        assert_eq!(seen, items);
    }

    #[test]
    fn stopping_early_starts_no_more_work() {
        let items: Vec<u32> = (0..1000).collect();
        let mut seen = 0;
        super::ordered(
            &items,
            3,
            |&i| i,
            |_| {
                seen += 1;
                seen < 5
            },
        );
        assert_eq!(seen, 5);
    }
}
