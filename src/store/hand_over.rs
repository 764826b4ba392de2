//! Work handed from one thread to another a batch at a time. The import
//! runs its heavy stages in pairs on a kiosk's two cores (validating the
//! pack beside writing its rows; the search index's names beside their
//! pinyin), and a hand-over per item would wake the other thread a hundred
//! thousand times. Batches come back to be dropped on the side that filled
//! them: glibc's malloc locks an arena when another thread frees into it,
//! and the two threads would then keep waiting on each other.

use std::mem;
use std::sync::mpsc;

/// A hand-over of batches of `size` items: the working side works on one
/// while the filling side fills the next, and up to `waiting` more wait
/// between (the filling side runs that far ahead).
pub fn hand_over<T>(size: usize, waiting: usize) -> (Filling<T>, Working<T>) {
    let (sender, receiver) = mpsc::sync_channel(waiting);
    let (give_back, returned) = mpsc::channel();
    let filling = Filling {
        batch: Vec::with_capacity(size),
        size,
        sender,
        returned,
    };
    (
        filling,
        Working {
            receiver,
            give_back,
        },
    )
}

/// The side that fills batches.
pub struct Filling<T> {
    batch: Vec<T>,
    size: usize,
    sender: mpsc::SyncSender<Vec<T>>,
    returned: mpsc::Receiver<Vec<T>>,
}

impl<T> Filling<T> {
    /// Adds `item`, handing the batch over when it is full; `false` once
    /// the working side has stopped (on an error, which it returns).
    pub fn push(&mut self, item: T) -> bool {
        self.batch.push(item);
        self.batch.len() < self.size || self.send()
    }

    /// Hands over what is left; the working side then ends.
    pub fn finish(mut self) -> bool {
        self.send()
    }

    fn send(&mut self) -> bool {
        // A batch given back is emptied here, where its items were made.
        let next = match self.returned.try_recv() {
            Ok(mut returned) => {
                returned.clear();
                returned
            }
            Err(_) => Vec::with_capacity(self.size),
        };
        let batch = mem::replace(&mut self.batch, next);
        self.sender.send(batch).is_ok()
    }
}

/// The side that works on each item.
pub struct Working<T> {
    receiver: mpsc::Receiver<Vec<T>>,
    give_back: mpsc::Sender<Vec<T>>,
}

impl<T> Working<T> {
    /// Calls `work` on every item, in the order they were pushed, until
    /// the filling side finishes (or is dropped) or `work` fails.
    pub fn each<E>(self, mut work: impl FnMut(&T) -> Result<(), E>) -> Result<(), E> {
        for batch in self.receiver.iter() {
            for item in &batch {
                work(item)?;
            }
            // Fails only when the filling side is gone: nobody to drop it.
            let _ = self.give_back.send(batch);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::hand_over;

    #[test]
    fn every_item_arrives_once_in_order_however_the_batches_fall() {
        let (mut filling, working) = hand_over::<u32>(4, 1);
        let seen = thread::scope(|scope| {
            let worker = scope.spawn(move || {
                let mut seen = Vec::new();
                working
                    .each(|item| {
                        seen.push(*item);
                        Ok::<(), ()>(())
                    })
                    .map(|()| seen)
            });
            for item in 0..10 {
                assert!(filling.push(item));
            }
            assert!(filling.finish());
            worker.join().unwrap()
        });
        assert_eq!(seen, Ok((0..10).collect::<Vec<_>>()));
    }

    #[test]
    fn a_worker_that_fails_stops_taking_items_and_says_why() {
        let (mut filling, working) = hand_over::<u32>(2, 1);
        thread::scope(|scope| {
            let worker = scope
                .spawn(move || working.each(|item| if *item == 3 { Err(*item) } else { Ok(()) }));
            let taken = (0..1000).take_while(|item| filling.push(*item)).count();
            assert!(
                taken < 1000,
                "pushes go on failing after the worker stopped"
            );
            assert_eq!(worker.join().unwrap(), Err(3));
        });
    }
}
