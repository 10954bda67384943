//! A clean build's writer: pages go into a folder that was absent or empty as they are
//! rendered, written by threads of their own.
//!
//! Making a page's folder and writing its file are mostly the file system's work, and at
//! 100,000 articles much of it is waiting: every new folder of a section takes the section
//! folder's lock. Were the render threads to write, each wait would leave a core idle. They
//! hand each file to a short queue instead, and a few writer threads empty it; a render
//! thread waits only when the queue is full, that is when the disk is the slower.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rayon::prelude::*;
use std::collections::BTreeMap;

use super::{blocked, io_err, relative, remove_empty_parents, save_manifest, write_file};
use super::{Manifest, Program, WriteReport, MANIFEST};
use crate::diag::Diagnostic;
use crate::key::content_hash;
use crate::msg;
use crate::render::Outputs;
use crate::within::{self, Folders};

/// Writer threads: enough that one waits on a folder's lock while another writes.
const WRITERS: usize = 2;

/// Files waiting for a writer. Pages are tens of kilobytes: a few megabytes at most.
const QUEUED: usize = 128;

/// One file to write: its path in the output folder and its bytes.
type Job = (String, Arc<Vec<u8>>);

/// Fills a folder that was absent or empty, each file as soon as it is rendered
/// ([`crate::render::Sink`]). [`Stream::finish`] writes the manifest of them all;
/// [`Stream::abandon`] removes them, leaving the folder as it was found.
pub struct Stream {
    /// What the writer threads share with the build.
    shared: Arc<Shared>,
    /// The folder did not exist before: abandoning removes it too.
    created: bool,
    program: Program,
    /// The writers' queue; dropped to tell them that nothing more comes.
    queue: Option<SyncSender<Job>>,
    writers: Vec<JoinHandle<()>>,
}

struct Shared {
    dir: PathBuf,
    /// The folders made (or found real) so far.
    folders: Folders,
    /// Output path → hash of the bytes and their size, of every file written so far.
    written: Mutex<Vec<(String, String, u64)>>,
    /// What could not be written, reported when the build finishes.
    problems: Mutex<Vec<Diagnostic>>,
}

impl crate::render::Sink for Stream {
    fn put(&self, rel: &str, bytes: &Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        Stream::put(self, rel, bytes)
    }
}

impl Stream {
    /// Starts a clean build's writing into `dir`, or `None` when `dir` already has files:
    /// those are updated by [`super::write`] once everything rendered.
    pub fn start(dir: &Path, program: &Program) -> Result<Option<Stream>, Diagnostic> {
        let created = match std::fs::read_dir(dir) {
            Ok(mut entries) => match entries.next() {
                Some(_) => return Ok(None),
                None => false,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(Diagnostic::file_error(dir.to_path_buf(), msg::io_read(&e))),
        };
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
        // The folder is marked as loa's before the first page: a build stopped half-way
        // leaves a folder the next build updates, rather than refuses as someone else's.
        let marker = Manifest::new(BTreeMap::new(), &Program(None), &Outputs::new(), |_| None);
        if let Err(d) = save_manifest(dir, &marker) {
            if created {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(d);
        }
        let shared = Arc::new(Shared {
            dir: dir.to_path_buf(),
            folders: Folders::fresh(dir),
            written: Mutex::new(Vec::new()),
            problems: Mutex::new(Vec::new()),
        });
        let (queue, jobs) = sync_channel(QUEUED);
        let jobs = Arc::new(Mutex::new(jobs));
        let writers = (0..WRITERS)
            .map(|_| {
                let (shared, jobs) = (shared.clone(), jobs.clone());
                std::thread::spawn(move || shared.run(&jobs))
            })
            .collect();
        Ok(Some(Stream {
            shared,
            created,
            program: program.clone(),
            queue: Some(queue),
            writers,
        }))
    }

    /// Hands one file of the site to the writers. A path outside the folder is refused at
    /// once; what fails in the writing is reported by [`Stream::finish`].
    pub fn put(&self, rel: &str, bytes: &Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        relative(&self.shared.dir, rel)?;
        let job = (rel.to_string(), bytes.clone());
        match self.queue.as_ref().map(|queue| queue.send(job)) {
            Some(Ok(())) => Ok(()),
            // No writer is left (one panicked, and the panic is raised at the finish):
            // written here.
            _ => self.shared.write(rel, bytes),
        }
    }

    /// Writes the `outputs` that were not streamed, waits for the writers, then writes the
    /// manifest of everything with the keys the files were made from. Every file that could
    /// not be written is reported, and the folder left as it was found.
    pub fn finish(mut self, outputs: &Outputs) -> Result<WriteReport, Vec<Diagnostic>> {
        let mut problems: Vec<Diagnostic> = (outputs.iter())
            .filter_map(|(rel, output)| self.put(rel, output.bytes()?).err())
            .collect();
        problems.extend(self.stop());
        if !problems.is_empty() {
            self.abandon();
            return Err(problems);
        }
        let mut written = std::mem::take(&mut *lock(&self.shared.written));
        // Sorted, the map is built at once. Two maps of every file, side by side.
        written.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (files, sizes) = rayon::join(
            || -> BTreeMap<String, String> {
                (written.iter())
                    .map(|(rel, hash, _)| (rel.clone(), hash.clone()))
                    .collect()
            },
            || -> rustc_hash::FxHashMap<&str, u64> {
                (written.iter())
                    .map(|(rel, _, size)| (rel.as_str(), *size))
                    .collect()
            },
        );
        let report = WriteReport {
            written: files.len(),
            ..WriteReport::default()
        };
        let size_of = |rel: &str| sizes.get(rel).copied();
        let manifest = Manifest::new(files, &self.program, outputs, size_of);
        if let Err(d) = save_manifest(&self.shared.dir, &manifest) {
            *lock(&self.shared.written) = written;
            self.abandon();
            return Err(vec![d]);
        }
        Ok(report)
    }

    /// Removes every file written and the folders made for them: the build failed, and the
    /// folder is left as it was found.
    pub fn abandon(mut self) {
        let _ = self.stop();
        let dir = &self.shared.dir;
        for (rel, _, _) in lock(&self.shared.written).iter() {
            if within::no_link(dir, rel).is_err() {
                continue;
            }
            let target = dir.join(rel);
            if std::fs::remove_file(&target).is_ok() {
                remove_empty_parents(dir, &target);
            }
        }
        let _ = std::fs::remove_file(dir.join(MANIFEST));
        if self.created {
            let _ = std::fs::remove_dir(dir);
        }
    }

    /// Tells the writers that nothing more comes and waits until they wrote what is queued;
    /// what they could not write. A writer's panic goes on in the build's thread.
    fn stop(&mut self) -> Vec<Diagnostic> {
        self.queue = None;
        for writer in self.writers.drain(..) {
            if let Err(panic) = writer.join() {
                std::panic::resume_unwind(panic);
            }
        }
        std::mem::take(&mut *lock(&self.shared.problems))
    }
}

impl Shared {
    /// A writer thread: writes what comes through the queue until it is closed.
    fn run(&self, jobs: &Mutex<Receiver<Job>>) {
        loop {
            let job = lock(jobs).recv();
            let Ok((rel, bytes)) = job else { return };
            if let Err(d) = self.write(&rel, &bytes) {
                lock(&self.problems).push(d);
            }
        }
    }

    /// Writes one file, making its folder first.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        // The folder was empty, but someone may have made a link in it since.
        let folder = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
        self.folders.ensure(folder).map_err(blocked)?;
        let target = self.dir.join(rel);
        let hash = content_hash(bytes);
        write_file(&target, bytes, true).map_err(blocked)?;
        lock(&self.written).push((rel.to_string(), hash, bytes.len() as u64));
        Ok(())
    }
}

/// A lock that a panicked writer left is still good: what it guards is a list.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::outputs;

    fn bytes(text: &str) -> Arc<Vec<u8>> {
        Arc::new(text.as_bytes().to_vec())
    }

    #[test]
    fn a_stream_fills_only_an_absent_or_empty_folder_and_can_be_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let stream = Stream::start(&out, &Program(None))
            .unwrap()
            .expect("an absent folder");
        stream.put("a/b/index.html", &bytes("A")).unwrap();
        assert!(stream.put("../ngoai.html", &bytes("x")).is_err());
        let report = stream.finish(&outputs(&[("rss.xml", "R")])).unwrap();
        assert_eq!(report.written, 2);
        assert_eq!(
            std::fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "A"
        );
        assert!(!tmp.path().join("ngoai.html").exists());
        // Now the folder has files: it is updated by `write` instead.
        assert!(Stream::start(&out, &Program(None)).unwrap().is_none());
        let again = super::super::write(
            &outputs(&[("a/b/index.html", "A"), ("rss.xml", "R")]),
            &out,
            &Program(None),
        );
        assert_eq!(
            again.unwrap().unchanged,
            2,
            "the manifest lists what was streamed"
        );

        let fresh = tmp.path().join("moi");
        let stream = Stream::start(&fresh, &Program(None)).unwrap().unwrap();
        stream.put("x/y/z.html", &bytes("Z")).unwrap();
        stream.abandon();
        assert!(!fresh.exists());
    }

    #[test]
    fn every_file_a_writer_could_not_write_is_reported_and_the_folder_emptied() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        let stream = Stream::start(&out, &Program(None)).unwrap().unwrap();
        // Someone put a file where two pages need a folder: neither can be written.
        std::fs::write(out.join("tin-tuc"), "not loa's").unwrap();
        for i in 0..200 {
            stream
                .put(&format!("ok/{i}/index.html"), &bytes("ok"))
                .unwrap();
        }
        stream.put("tin-tuc/a/index.html", &bytes("A")).unwrap();
        stream.put("tin-tuc/b/index.html", &bytes("B")).unwrap();
        let problems = stream.finish(&Outputs::new()).unwrap_err();
        let mut paths: Vec<_> = problems.iter().map(|d| d.path.clone()).collect();
        paths.sort();
        assert_eq!(paths, [out.join("tin-tuc"), out.join("tin-tuc")]);
        assert!(!out.join("ok").exists(), "what was written is removed");
        assert!(!out.join(MANIFEST).exists());
        let left = std::fs::read_to_string(out.join("tin-tuc")).unwrap();
        assert_eq!(left, "not loa's", "what loa did not write is left");
    }
}
