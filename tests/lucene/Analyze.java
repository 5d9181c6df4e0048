// Runs the Elasticsearch engine's analyzers on real Lucene (tests/test_search_lucene.py).
// Arguments: the tokenizer pattern, the mark pattern, the final-y pattern and replacement,
// as index_body() sends them. Reads lines on stdin; prints per line "folded<TAB>exact",
// tokens separated by spaces.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public class Analyze {
    static List<String> tokens(Analyzer analyzer, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0) out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Analyzer exact = CustomAnalyzer.builder()
            .withTokenizer("pattern", "pattern", args[0], "group", "-1")
            .addTokenFilter("lowercase")
            .build();
        Analyzer folded = CustomAnalyzer.builder()
            .withTokenizer("pattern", "pattern", args[0], "group", "-1")
            .addTokenFilter("lowercase")
            .addTokenFilter("asciiFolding")
            .addTokenFilter("patternReplace", "pattern", args[1], "replacement", "", "replace", "all")
            .addTokenFilter("patternReplace", "pattern", args[2], "replacement", args[3], "replace", "all")
            .build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        StringBuilder out = new StringBuilder();
        while ((line = in.readLine()) != null) {
            out.append(String.join(" ", tokens(folded, line))).append('\t')
               .append(String.join(" ", tokens(exact, line))).append('\n');
        }
        System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }
}
