// OWL 2 DL profile check with the OWL API (the library Protégé is built on).
//
// Usage: java DLProfileCheck [--catalog catalog-v001.xml]... ontology.ttl [more.ttl ...]
//
// Loads each document; owl:imports are resolved offline, never over the network, through the given
// XML catalogs, a catalog-v001.xml next to each document, and the first document (which answers
// for its ontology IRI and version IRI). Runs the OWL 2 DL profile check over each
// document's imports closure and, when several documents are given, over their union. Prints
// every violation and every RDF triple the parser could not map to OWL, and exits 1 if there
// are any, 2 on a load error.

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.io.OWLOntologyLoaderMetaData;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyIRIMapper;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public final class DLProfileCheck {

    private DLProfileCheck() {
    }

    public static void main(String[] args) throws Exception {
        List<File> catalogs = new ArrayList<>();
        List<File> documents = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--catalog") && i + 1 < args.length) {
                catalogs.add(new File(args[++i]));
            } else {
                documents.add(new File(args[i]));
            }
        }
        if (documents.isEmpty()) {
            System.err.println("usage: DLProfileCheck [--catalog catalog-v001.xml]... ontology.ttl [more.ttl ...]");
            System.exit(2);
        }
        for (File doc : documents) {
            File nextTo = new File(doc.getAbsoluteFile().getParentFile(), "catalog-v001.xml");
            if (nextTo.isFile() && !catalogs.contains(nextTo)) {
                catalogs.add(nextTo);
            }
        }

        Map<IRI, IRI> mapped = new HashMap<>();
        for (File catalog : catalogs) {
            mapped.putAll(readCatalog(catalog));
        }
        // One mapper that never lets an import through to the network: an IRI no catalog maps goes to a
        // file that does not exist, so the check gives the same answer online and offline.
        Set<IRI> unmapped = new LinkedHashSet<>();
        OWLOntologyIRIMapper offline = iri -> {
            IRI target = mapped.get(iri);
            if (target == null) {
                unmapped.add(iri);
                return IRI.create(new File(System.getProperty("java.io.tmpdir"), "unmapped-import-" + Math.abs(iri.hashCode())));
            }
            return target;
        };
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getIRIMappers().set(offline);
        // An import nobody maps must fail the check, not be fetched from the network or skipped.
        OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);

        int problems = 0;
        List<OWLOntology> loaded = new ArrayList<>();
        for (File doc : documents) {
            OWLOntology ont;
            try {
                ont = manager.loadOntologyFromOntologyDocument(new FileDocumentSource(doc), config);
            } catch (Exception e) {
                System.out.println("LOAD ERROR " + doc + ": " + e);
                for (IRI iri : unmapped) {
                    System.out.println("UNMAPPED IMPORT " + iri + " (add it to a catalog-v001.xml)");
                }
                System.exit(2);
                return;
            }
            loaded.add(ont);
            if (loaded.size() == 1) {
                // Later documents import the first (the ontology) by its IRI: map that IRI to the file.
                IRI docIRI = IRI.create(doc.getAbsoluteFile());
                ont.getOntologyID().getOntologyIRI().ifPresent(iri -> mapped.put(iri, docIRI));
                ont.getOntologyID().getVersionIRI().ifPresent(iri -> mapped.put(iri, docIRI));
            }
            problems += reportUnparsed(doc, manager.getOntologyFormat(ont));
        }

        List<OWLOntology> toCheck = new ArrayList<>(loaded);
        if (loaded.size() > 1) {
            // The union of all documents, as a tool that merges the gazetteer with the ontology would see it.
            OWLOntology merged = manager.createOntology(IRI.create("urn:strikegraph:merged"));
            Set<OWLOntology> closure = new LinkedHashSet<>();
            for (OWLOntology ont : loaded) {
                ont.importsClosure().forEach(closure::add);
            }
            for (OWLOntology ont : closure) {
                merged.addAxioms(ont.axioms(Imports.EXCLUDED));
            }
            toCheck.add(merged);
        }

        OWL2DLProfile profile = new OWL2DLProfile();
        for (OWLOntology ont : toCheck) {
            OWLProfileReport report = profile.checkOntology(ont);
            List<OWLProfileViolation> violations = report.getViolations();
            String name = ont.getOntologyID().getOntologyIRI().map(IRI::toString).orElse("(anonymous)");
            System.out.println("CHECKED " + name + " imports-closure=" + ont.importsClosure().count()
                + " axioms=" + ont.getAxiomCount(Imports.INCLUDED) + " violations=" + violations.size());
            for (OWLProfileViolation v : violations) {
                System.out.println("VIOLATION [" + name + "] " + v.getClass().getSimpleName() + ": " + v);
            }
            problems += violations.size();
        }
        System.out.println("TOTAL " + problems);
        System.exit(problems == 0 ? 0 : 1);
    }

    /** Triples the RDF parser could not turn into axioms: they are not OWL 2 DL either. */
    private static int reportUnparsed(File doc, OWLDocumentFormat format) {
        if (format == null) {
            return 0;
        }
        int[] count = {0};
        format.getOntologyLoaderMetaData().ifPresent((OWLOntologyLoaderMetaData meta) -> meta.getUnparsedTriples().forEach(t -> {
            System.out.println("UNPARSED [" + doc + "] " + t);
            count[0]++;
        }));
        return count[0];
    }

    /** The uri entries of a Protégé-style XML catalog, resolved against the catalog's directory. */
    private static Map<IRI, IRI> readCatalog(File catalog) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList entries = factory.newDocumentBuilder().parse(catalog).getElementsByTagNameNS("*", "uri");
        Map<IRI, IRI> mapped = new HashMap<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            File target = new File(catalog.getAbsoluteFile().getParentFile(), entry.getAttribute("uri"));
            mapped.put(IRI.create(entry.getAttribute("name")), IRI.create(target.getCanonicalFile()));
        }
        return mapped;
    }
}
