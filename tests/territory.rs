//! Territory from the fixture dataset: cells respect the river, and a date's territory
//! differs from the day before's exactly where an event changed a place.

use frontline::dataset::{Dataset, DatasetFiles};
use frontline::model::control::Timeline;
use frontline::model::territory::{Cells, Territory};
use geo::{Area, BooleanOps, Distance, MultiPolygon};

mod common;

fn fixture() -> Dataset {
    Dataset::load(Some(&common::fixture("tiny"))).unwrap()
}

#[test]
fn cells_never_cross_the_river_and_places_stay_on_their_bank() {
    use frontline::dataset::manifest::Bank;
    let dataset = fixture();
    let cells = Cells::build(&dataset, &dataset.projection());
    assert!(cells.compartments.has_rivers(), "the fixture declares the Tigris a barrier");
    let (east, west) = (cells.compartments.bank(Bank::East), cells.compartments.bank(Bank::West));
    for (id, place) in dataset.gazetteer.places().iter().enumerate() {
        let cell = &cells.cells[id];
        let (on_east, on_west) = (cell.intersection(&east).unsigned_area(), cell.intersection(&west).unsigned_area());
        assert!(on_east.min(on_west) < 1.0, "{} has {on_east} m² east and {on_west} m² west", place.name);
        match place.bank {
            Some(Bank::East) => assert!(on_west < 1.0 && on_east > 0.0, "{} leaves the east bank", place.name),
            Some(Bank::West) => assert!(on_east < 1.0 && on_west > 0.0, "{} leaves the west bank", place.name),
            None => {}
        }
    }
}

#[test]
fn cells_do_not_overlap() {
    let dataset = fixture();
    let cells = Cells::build(&dataset, &dataset.projection());
    for (i, a) in cells.cells.iter().enumerate() {
        for b in &cells.cells[i + 1..] {
            assert!(a.intersection(b).unsigned_area() < 1.0);
        }
    }
}

#[test]
fn territory_changes_only_where_an_event_changed_control() {
    let dataset = fixture();
    let cells = Cells::build(&dataset, &dataset.projection());
    let timeline = Timeline::new(&dataset);
    let sides = dataset.manifest.sides.len();
    let mut date: jiff::civil::Date = "2016-10-16".parse().unwrap();
    while date < dataset.manifest.period.end {
        let next = date.tomorrow().unwrap();
        let (before, after) = (timeline.state_at(date), timeline.state_at(next));
        let changed: Vec<usize> =
            (0..dataset.gazetteer.len()).filter(|&p| before.control(p) != after.control(p)).collect();
        let changed_area: f64 = changed.iter().map(|&p| cells.cells[p].unsigned_area()).sum();
        let (t0, t1) = (Territory::at(&cells, &before, sides), Territory::at(&cells, &after, sides));
        let moved: f64 = t0.sides.iter().zip(&t1.sides).map(|(a, b)| a.xor(b).unsigned_area()).sum();
        if changed.is_empty() {
            assert!(moved < 1.0, "{next}: territory moved by {moved} m² with no event");
        } else {
            // Every changed cell leaves one side or joins one (or both): at most twice its area.
            assert!(
                moved > 0.0 && moved <= 2.0 * changed_area + 1.0,
                "{next}: moved {moved} m², changed cells {changed_area} m²"
            );
        }
        date = next;
    }
}

#[test]
fn front_lines_run_between_different_sides() {
    // Move the airport 2.2 km south of Mosul, well within their reaches, so the cells meet.
    let mut files = DatasetFiles::read_dir(&common::fixture("tiny")).unwrap();
    files.places = files.places.replace("36.306,43.13", "36.32,43.13");
    let dataset = Dataset::parse(&files).unwrap();
    let cells = Cells::build(&dataset, &dataset.projection());
    let timeline = Timeline::new(&dataset);
    let mut state = timeline.state_at("2016-11-05".parse().unwrap());
    // Hand Mosul to the government so that its cell borders the ISIL-held airport's.
    let mosul = dataset.gazetteer.by_id("mosul").unwrap();
    state.places[mosul].control = frontline::model::control::Control::Held(1);
    let territory = Territory::at(&cells, &state, dataset.manifest.sides.len());
    let fronts = territory.front_lines();
    assert!(!fronts.0.is_empty(), "government Mosul meets the ISIL airport");
    let touches = |area: &MultiPolygon<f64>, c: geo::Coord<f64>| {
        area.0.iter().any(|p| geo::Euclidean.distance(p, &geo::Point::from(c)) < 2.0)
    };
    for c in fronts.0.iter().flat_map(|l| l.coords()) {
        let sides_touched = territory.sides.iter().filter(|area| touches(area, *c)).count();
        assert!(sides_touched >= 2, "front point {c:?} borders {sides_touched} side(s)");
    }
}

#[test]
fn a_city_with_districts_is_drawn_through_them() {
    let dataset = fixture();
    let projection = dataset.projection();
    let mosul = dataset.gazetteer.by_id("mosul").unwrap();
    assert!(Cells::build(&dataset, &projection).cells[mosul].unsigned_area() > 0.0, "no district within reach yet");
    // Bring Intisar (a district) within Mosul's 2.5 km reach: the city gives up its cell.
    let mut files = DatasetFiles::read_dir(&common::fixture("tiny")).unwrap();
    files.places = files.places.replace("36.32,43.19,1500", "36.33,43.15,1500");
    let dataset = Dataset::parse(&files).unwrap();
    assert_eq!(Cells::build(&dataset, &projection).cells[mosul].unsigned_area(), 0.0);
}

/// Gogjali's outline: a box of 0.03° by 0.02° around its point.
const GOGJALI_OUTLINE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
 "properties":{"place":"Gogjali"},
 "geometry":{"type":"Polygon","coordinates":[[[43.235,36.345],[43.265,36.345],[43.265,36.365],[43.235,36.365],[43.235,36.345]]]}}]}"#;

#[test]
fn an_outlined_place_claims_its_outline_and_no_other_cell_enters_it() {
    let sandbox = common::Sandbox::new("tiny");
    sandbox.write("outlines.geojson", GOGJALI_OUTLINE);
    let dataset = Dataset::load(Some(&sandbox.dataset())).unwrap();
    let projection = dataset.projection();
    let cells = Cells::build(&dataset, &projection);
    let gogjali = dataset.gazetteer.by_id("gogjali").unwrap();
    let corners = [(43.235, 36.345), (43.265, 36.345), (43.265, 36.365), (43.235, 36.365)];
    let projected: Vec<(f64, f64)> = corners.iter().map(|&(lon, lat)| projection.forward(lon, lat)).collect();
    let outline = geo::Polygon::new(geo::LineString::from(projected), vec![]);
    let cell = &cells.cells[gogjali];
    let rel = (cell.unsigned_area() - outline.unsigned_area()).abs() / outline.unsigned_area();
    assert!(rel < 1e-3, "the cell is the outline ({rel})");
    for (id, other) in cells.cells.iter().enumerate().filter(|(id, _)| *id != gogjali) {
        let inside = other.intersection(cell).unsigned_area();
        assert!(inside < 1.0, "{} enters the outline by {inside} m²", dataset.gazetteer.get(id).name);
    }
    sandbox.run(&["check"]).success().stdout(predicates::str::contains("0 errors, 0 warnings"));
    sandbox.edit("outlines.geojson", "[43.235,36.345],[43.265,36.345]", "[43.255,36.345],[43.265,36.345]");
    sandbox.edit("outlines.geojson", "[43.235,36.365],[43.235,36.345]", "[43.255,36.365],[43.255,36.345]");
    sandbox
        .run(&["check"])
        .success()
        .stdout(predicates::str::contains("Gogjali (gogjali) lies outside its own outline"));
    // Without outlines, Gogjali's cell is the usual disc-limited Voronoi cell.
    let plain = Cells::build(&fixture(), &projection);
    assert!((plain.cells[gogjali].unsigned_area() - cell.unsigned_area()).abs() > 1000.0);
}

#[test]
fn bad_outlines_are_bad_input() {
    let sandbox = common::Sandbox::new("tiny");
    sandbox.write("outlines.geojson", &GOGJALI_OUTLINE.replace("Gogjali", "Gogjaly Heights"));
    sandbox
        .run(&["check"])
        .failure()
        .code(2)
        .stderr(predicates::str::contains("outlines.geojson (`features[0]`): unknown place \"Gogjaly Heights\""))
        .stderr(predicates::str::contains("closest known places: Gogjali"));
}
