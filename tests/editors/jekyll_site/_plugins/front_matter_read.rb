# frozen_string_literal: true

# A Liquid filter for the oracle page: the front matter of a post as Jekyll reads it
# (Jekyll::Document's YAML_FRONT_MATTER_REGEXP and Jekyll::Utils.safe_load_yaml, the
# calls Document#read_content makes), with the Ruby class of every value, before
# _config.yml defaults are merged in.
module FrontMatterRead
  def front_matter_read(relative_path)
    site = @context.registers[:site]
    path = site.in_source_dir(relative_path)
    text = File.read(path, **Jekyll::Utils.merged_file_read_opts(site, {}))
    match = Jekyll::Document::YAML_FRONT_MATTER_REGEXP.match(text)
    return { "found" => false } unless match

    begin
      { "found" => true, "data" => typed(Jekyll::Utils.safe_load_yaml(match[1])) }
    rescue StandardError => e
      { "found" => true, "error" => "#{e.class}: #{e.message}" }
    end
  end

  # The ruby class of `input` (String, TrueClass, Integer, Date, Time, NilClass, ...).
  def ruby_class(input)
    input.class.name
  end

  private

  def typed(value)
    case value
    when Hash then { "map" => value.to_h { |k, v| [k.to_s, typed(v)] } }
    when Array then { "list" => value.map { |v| typed(v) } }
    else { "class" => value.class.name, "value" => value.to_s }
    end
  end
end

Liquid::Template.register_filter(FrontMatterRead)
