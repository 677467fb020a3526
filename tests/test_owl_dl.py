"""The ontology, alone and with the gazetteer, is in the OWL 2 DL profile as the OWL API (Protégé's library)
checks it; and every owl:imports resolves offline through the XML catalogs Protégé reads.

The OWL API tests need Java (java, javac) and Debian's libowlapi-java; without them they are skipped,
unless STRIKEGRAPH_REQUIRE_JAVA=1 (set in CI), when they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from strikegraph.resources import gazetteer_files, ontology_file

JAVA_DIR = Path("/usr/share/java")
CHECKER = Path(__file__).parent / "java" / "DLProfileCheck.java"
# owlapi-distribution and the jars of libowlapi-java's dependencies that loading Turtle and the profile
# check touch (Debian installs each also under an unversioned name).
REQUIRED_JARS = [
    "owlapi-distribution",
    "guava",
    "caffeine",
    "commons-io",
    "commons-lang3",
    "commons-codec",
    "commons-rdf-api",
    "jackson-core",
    "jackson-databind",
    "jackson-annotations",
    "httpclient",
    "httpcore",
    "rdf4j-model-api",
    "rdf4j-model",
    "rdf4j-model-vocabulary",
    "rdf4j-util",
    "rdf4j-rio-api",
    "rdf4j-rio-languages",
    "rdf4j-rio-datatypes",
    "rdf4j-rio-turtle",
    "rdf4j-rio-ntriples",
    "rdf4j-rio-rdfxml",
    "rdf4j-rio-trig",
    "rdf4j-rio-nquads",
    "rdf4j-rio-n3",
    "rdf4j-rio-binary",
    "rdf4j-rio-trix",
    "rdf4j-rio-rdfjson",
    "rdf4j-rio-hdt",
    "slf4j-api",
    "jcl-over-slf4j",
    "hppcrt",
    "xz",
    "jsr305",
    "atinject-jsr330-api",
]
# Present on most systems, harmless when absent: the JSON-LD parser's library, and a logger that keeps
# the OWL API quiet.
OPTIONAL_JARS = ["jsonld-java", "rdf4j-rio-jsonld", "slf4j-nop"]

CATALOG = "catalog-v001.xml"
CATALOG_NS = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"

CheckRun = Callable[..., subprocess.CompletedProcess[str]]


def _unavailable(reason: str) -> None:
    if os.environ.get("STRIKEGRAPH_REQUIRE_JAVA") == "1":
        pytest.fail(f"{reason}; STRIKEGRAPH_REQUIRE_JAVA=1 requires the OWL API check (make deps-debian installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def dl_check(tmp_path_factory: pytest.TempPathFactory) -> CheckRun:
    """Compile DLProfileCheck once; returns a runner taking the checker's command-line arguments."""
    missing_tools = [tool for tool in ("java", "javac") if shutil.which(tool) is None]
    if missing_tools:
        _unavailable(f"{' and '.join(missing_tools)} not found")
    missing_jars = [name for name in REQUIRED_JARS if not (JAVA_DIR / f"{name}.jar").is_file()]
    if missing_jars:
        _unavailable(f"jars missing from {JAVA_DIR}: {', '.join(missing_jars)}")
    jars = [JAVA_DIR / f"{name}.jar" for name in REQUIRED_JARS + OPTIONAL_JARS if (JAVA_DIR / f"{name}.jar").is_file()]
    classpath = os.pathsep.join(str(jar) for jar in jars)

    classes = tmp_path_factory.mktemp("dlcheck")
    compiled = subprocess.run(
        ["javac", "-d", str(classes), "-cp", classpath, str(CHECKER)], capture_output=True, text=True, timeout=300
    )
    assert compiled.returncode == 0, f"javac failed:\n{compiled.stdout}{compiled.stderr}"

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        command = ["java", "-cp", f"{classes}{os.pathsep}{classpath}", "DLProfileCheck", *map(str, args)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    return run


def _assert_dl(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "TOTAL 0" in result.stdout, f"not OWL 2 DL (exit {result.returncode}):\n{output}"


def _gazetteer() -> list[Path]:
    files = gazetteer_files()
    if not files:
        pytest.skip("no gazetteer files yet")
    return files


# --- catalogs -------------------------------------------------------------------------------------


def _catalog(directory: Path) -> dict[str, Path]:
    """name → file of each uri entry of directory/catalog-v001.xml."""
    root = ET.parse(directory / CATALOG).getroot()
    assert root.tag == f"{CATALOG_NS}catalog", f"{directory / CATALOG}: not an OASIS XML catalog"
    return {entry.attrib["name"]: (directory / entry.attrib["uri"]).resolve() for entry in root.iter(f"{CATALOG_NS}uri")}


def _ontology_ids(graph: Graph) -> set[URIRef]:
    ids: set[URIRef] = set()
    for ontology in graph.subjects(RDF.type, OWL.Ontology):
        if isinstance(ontology, URIRef):
            ids.add(ontology)
        ids.update(v for v in graph.objects(ontology, OWL.versionIRI) if isinstance(v, URIRef))
    return ids


def test_catalogs_resolve_every_import() -> None:
    ontology_path = ontology_file()
    directories = [ontology_path.parent, *{path.parent for path in gazetteer_files()}]
    ids_by_file: dict[Path, set[URIRef]] = {}

    def ids_of(path: Path) -> set[URIRef]:
        if path not in ids_by_file:
            ids_by_file[path] = _ontology_ids(Graph().parse(path, format="turtle"))
        return ids_by_file[path]

    # The ontology's catalog answers for its current IRI and version IRI, so Protégé finds it offline.
    missing = {str(iri) for iri in ids_of(ontology_path)} - set(_catalog(ontology_path.parent))
    assert not missing, f"ontology/catalog-v001.xml does not map {sorted(missing)}"

    imports = 0
    for directory in directories:
        catalog = _catalog(directory)
        for name, target in catalog.items():
            assert target.is_file(), f"{directory / CATALOG}: {name} maps to missing {target}"
            assert URIRef(name) in ids_of(target), f"{directory / CATALOG}: {target} is not the ontology {name}"
        for document in sorted(directory.glob("*.ttl")):
            graph = Graph().parse(document, format="turtle")
            for imported in graph.objects(None, OWL.imports):
                imports += 1
                assert str(imported) in catalog, f"{document.name} imports {imported}, which {directory / CATALOG} does not map"
    if len(directories) > 1:
        assert imports > 0, "the gazetteer files are expected to import the ontology"


# --- OWL 2 DL profile (OWL API) -------------------------------------------------------------------


@pytest.mark.java
def test_ontology_is_owl2_dl(dl_check: CheckRun) -> None:
    _assert_dl(dl_check(ontology_file()))


@pytest.mark.java
def test_ontology_with_gazetteer_is_owl2_dl(dl_check: CheckRun) -> None:
    # Each file's imports closure and the union of all of them.
    _assert_dl(dl_check(ontology_file(), *_gazetteer()))


@pytest.mark.java
def test_gazetteer_opens_offline_through_catalog(dl_check: CheckRun) -> None:
    # Without the ontology document on the command line, its import must resolve through the catalog.
    result = dl_check(*_gazetteer())
    _assert_dl(result)
    assert "imports-closure=2" in result.stdout, result.stdout


@pytest.mark.java
def test_dl_check_reports_violations(dl_check: CheckRun, tmp_path: Path) -> None:
    # A transitive property cannot be functional in OWL 2 DL: the check must say so and fail.
    broken = tmp_path / "broken.ttl"
    broken.write_text(ontology_file().read_text(encoding="utf-8") + "\nsg:partOf a owl:FunctionalProperty .\n", encoding="utf-8")
    result = dl_check(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "UseOfNonSimplePropertyInFunctionalPropertyAxiom" in result.stdout, result.stdout
