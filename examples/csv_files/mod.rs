//! Writing generated sources as CSV files plus `truth.csv`, shared by the
//! `generate` and `shapes` examples.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use sameas::{OwnedRecord, Record};

/// An output directory: one `<source>.csv` per source, with the header
/// `id` followed by the source's columns, and `truth.csv` with
/// `source,record_id,entity`.
pub struct CsvFiles {
    dir: PathBuf,
    truth: csv::Writer<BufWriter<File>>,
}

impl CsvFiles {
    /// Creates `dir` and starts `truth.csv` in it.
    pub fn create(dir: &Path) -> Result<CsvFiles, String> {
        std::fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
        let mut truth = open(&dir.join("truth.csv"))?;
        truth
            .write_record(["source", "record_id", "entity"])
            .map_err(failed)?;
        Ok(CsvFiles {
            dir: dir.to_path_buf(),
            truth,
        })
    }

    /// Writes `<name>.csv` and the source's rows of `truth.csv`.
    pub fn write_source(
        &mut self,
        name: &str,
        columns: &[&str],
        records: &[OwnedRecord],
        entities: &[u32],
    ) -> Result<(), String> {
        let path = self.dir.join(format!("{name}.csv"));
        let mut writer = open(&path)?;
        let header = std::iter::once("id").chain(columns.iter().copied());
        writer.write_record(header).map_err(failed)?;
        let mut entity_text = String::new();
        for (record, entity) in records.iter().zip(entities) {
            let id = record.id().unwrap_or_default();
            let id: &str = &id;
            let values = columns
                .iter()
                .map(|column| record.field(column).unwrap_or_default());
            writer
                .write_record(std::iter::once(id).chain(values))
                .map_err(failed)?;
            entity_text.clear();
            entity_text.push_str(&entity.to_string());
            self.truth
                .write_record([name, id, &entity_text])
                .map_err(failed)?;
        }
        writer.flush().map_err(|error| error.to_string())?;
        eprintln!("{}: {} records", path.display(), records.len());
        Ok(())
    }

    /// Flushes `truth.csv`; returns its path.
    pub fn finish(mut self) -> Result<PathBuf, String> {
        self.truth.flush().map_err(|error| error.to_string())?;
        Ok(self.dir.join("truth.csv"))
    }
}

fn open(path: &Path) -> Result<csv::Writer<BufWriter<File>>, String> {
    let file = File::create(path).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(csv::Writer::from_writer(BufWriter::with_capacity(
        1 << 20,
        file,
    )))
}

fn failed(error: csv::Error) -> String {
    error.to_string()
}
